import { nextTick } from 'vue'
import type { Router } from 'vue-router'
import { i18n } from '@/i18n/i18n'
import { useAnnouncerStore } from '@/stores/announcer'
import { documentTitle, pageTitle } from './titles'

/** The id of the `<main>` element every page renders into. */
export const MAIN_ID = 'main'

/**
 * Moves focus to the page's `h1` (made focusable with tabindex=-1), or to
 * `<main>` when a page has none, without scrolling past the header. A link
 * to a part of a page (`#feedback`) focuses that part instead.
 */
export function focusPageHeading(hash = ''): void {
  const main = document.getElementById(MAIN_ID)
  const part = hash ? document.getElementById(hash.slice(1)) : null
  const target = part ?? main?.querySelector<HTMLElement>('h1') ?? main
  if (!target) return
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus({ preventScroll: true })
}

/**
 * What every page change does, once for the shell and every module: sets
 * the document title, and, after the first page, moves focus to the new
 * page's heading and announces the page politely. The first page is left
 * alone: the browser and screen reader already start at its top.
 */
export function installRouteChange(router: Router): void {
  let first = true

  router.afterEach(async (to, from, failure) => {
    if (failure) return
    await nextTick()
    document.title = documentTitle(to)

    const samePage = !first && to.path === from.path
    if (first || samePage) {
      first = false
      return
    }
    focusPageHeading(to.hash)
    useAnnouncerStore().announcePage(
      i18n.global.t('route.announcement', { page: pageTitle(to) }),
    )
  })
}
