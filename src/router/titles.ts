import type { RouteLocationNormalizedLoaded } from 'vue-router'
import { currentLanguage, i18n } from '@/i18n/i18n'
import './meta'

/** The title of the page a route shows, in the current language. */
export function pageTitle(route: RouteLocationNormalizedLoaded): string {
  const { title, titleKey } = route.meta
  if (title) return title[currentLanguage()]
  if (titleKey) return i18n.global.t(titleKey)
  return i18n.global.t('portal.name')
}

/** The document title: "Page title – Portal name". */
export function documentTitle(route: RouteLocationNormalizedLoaded): string {
  return i18n.global.t('route.documentTitle', {
    page: pageTitle(route),
    portal: i18n.global.t('portal.name'),
  })
}
