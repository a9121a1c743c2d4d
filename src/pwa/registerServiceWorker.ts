import { registerSW } from 'virtual:pwa-register'
import { useUpdateStore } from '@/stores/update'

/**
 * Registers the service worker from the app's own code (no inline script,
 * as the CSP demands) and connects its update events to the update prompt.
 * `onNeedReload` replaces the plugin's automatic reload, so the update store
 * decides whether reloading would lose unsent form input.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  const update = useUpdateStore()

  const activate = registerSW({
    immediate: true,
    onNeedRefresh: () => update.offer(),
    onNeedReload: () => update.controllerChanged(),
  })
  update.connect({ activate: () => activate() })
}
