import type { Router } from 'vue-router'
import type { Catalog } from '@/catalog/catalog'
import { currentLanguage } from '@/i18n/i18n'
import { loadModuleMessages } from '@/i18n/moduleMessages'
import { assuranceSuffices, useSessionStore } from '@/stores/session'
import './meta'

/** Only paths inside the portal may be returned to after sign-in. */
export function safeRedirect(value: unknown): string {
  const path = Array.isArray(value) ? value[0] : value
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : '/'
}

/**
 * Before a module page opens: its texts are loaded in the current language,
 * and a module that needs sign-in sends a visitor who is not signed in (or
 * signed in too weakly) to the sign-in page, with the way back in `redirect`.
 */
export function installGuards(router: Router, catalog: Catalog): void {
  router.beforeEach(async (to) => {
    const { moduleId, assurance } = to.meta
    if (moduleId) {
      // Missing texts show keys, not a broken page; so a failure here waits.
      await loadModuleMessages(catalog, moduleId, currentLanguage()).catch(
        () => undefined,
      )
    }
    if (!assurance || assurance === 'none') return true

    const session = useSessionStore()
    await session.ensureLoaded()
    const user = session.user
    if (user && assuranceSuffices(user.assurance, assurance)) return true
    return {
      name: 'sign-in',
      query: user
        ? { redirect: to.fullPath, reason: 'assurance' }
        : { redirect: to.fullPath },
    }
  })
}
