import type { Pinia, PiniaPluginContext, StateTree } from 'pinia'
import { toRaw } from 'vue'

/**
 * Stores that hold the visit's own settings and status, not personal data;
 * everything else (the session and every service module's stores) goes
 * back to its first state when the citizen signs out.
 */
export const KEPT_ON_SIGN_OUT = new Set([
  'announcer',
  'formDirty',
  'network',
  'settings',
  'update',
])

const resets = new WeakMap<Pinia, Map<string, () => void>>()

/**
 * A deep copy of a store's state. Read key by key through the reactive
 * state: the raw object of a setup store holds its refs, not their values.
 */
function snapshot(state: StateTree): StateTree {
  const copy: StateTree = {}
  for (const key of Object.keys(state)) {
    try {
      copy[key] = structuredClone(toRaw(state[key]))
    } catch {
      // Limitation: a value that cannot be copied (a function, say) is
      // left as it is at sign-out; keep personal data in plain values.
    }
  }
  return copy
}

/** Pinia plugin: remembers each store's first state so it can be reset. */
export function resettableStores({ pinia, store }: PiniaPluginContext): void {
  if (KEPT_ON_SIGN_OUT.has(store.$id)) return
  const initial = snapshot(store.$state)
  const forPinia = resets.get(pinia) ?? new Map<string, () => void>()
  resets.set(pinia, forPinia)
  forPinia.set(store.$id, () => {
    store.$patch((state) => Object.assign(state, snapshot(initial)))
  })
}

/** Puts every store not in KEPT_ON_SIGN_OUT back to its first state. */
export function resetPersonalStores(pinia: Pinia): void {
  for (const reset of resets.get(pinia)?.values() ?? []) reset()
}
