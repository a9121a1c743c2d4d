import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useFormDirtyStore } from './formDirty'

/** What the update prompt does when asked to reload. */
export type ReloadOutcome = 'reloading' | 'confirm'

/**
 * The new-version flow of the service worker. A waiting version is offered,
 * never forced: the page reloads only when the citizen asks, or when another
 * tab already switched to the new version and no form here has unsent input.
 */
export const useUpdateStore = defineStore('update', () => {
  const available = ref(false)
  const confirming = ref(false)
  let requested = false
  let activate: () => Promise<void> = async () => {}
  let reload: () => void = () => globalThis.location?.reload()

  /** Wires the store to the service worker and the page (or to test fakes). */
  function connect(hooks: {
    activate: () => Promise<void>
    reload?: () => void
  }) {
    activate = hooks.activate
    if (hooks.reload) reload = hooks.reload
  }

  /** A new version is installed and waiting. */
  function offer() {
    available.value = true
  }

  /**
   * The citizen pressed Reload. With unsent input somewhere, asks first;
   * `force` is the answer "reload anyway".
   */
  async function apply(force = false): Promise<ReloadOutcome> {
    if (!force && useFormDirtyStore().anyDirty) {
      confirming.value = true
      return 'confirm'
    }
    requested = true
    confirming.value = false
    await activate()
    return 'reloading'
  }

  /** The citizen chose to finish the form first. */
  function postpone() {
    confirming.value = false
  }

  /**
   * The new version took control of this page. Reloads when the citizen
   * asked for it, or when nothing would be lost; otherwise keeps offering.
   */
  function controllerChanged() {
    if (requested || !useFormDirtyStore().anyDirty) {
      reload()
      return
    }
    available.value = true
    // The new version is already active: Reload now only needs to reload.
    activate = async () => reload()
  }

  return {
    available,
    confirming,
    connect,
    offer,
    apply,
    postpone,
    controllerChanged,
  }
})
