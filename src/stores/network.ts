import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * Whether the portal can reach its server: the browser's own online flag and
 * what the last API call found. The offline notice shows when either fails.
 */
export const useNetworkStore = defineStore('network', () => {
  const browserOnline = ref(globalThis.navigator?.onLine ?? true)
  const serverReachable = ref(true)

  /** Why the portal is cut off, or null when it is not. */
  const problem = computed<'offline' | 'unreachable' | null>(() => {
    if (!browserOnline.value) return 'offline'
    if (!serverReachable.value) return 'unreachable'
    return null
  })

  function setBrowserOnline(online: boolean) {
    browserOnline.value = online
    // Coming back online is a reason to believe the server may answer again.
    if (online) serverReachable.value = true
  }

  function setServerReachable(reachable: boolean) {
    serverReachable.value = reachable
  }

  return {
    browserOnline,
    serverReachable,
    problem,
    setBrowserOnline,
    setServerReachable,
  }
})
