import { onMounted, ref, shallowRef, type Ref } from 'vue'
import { hasErrorCode } from '@/api/errors'
import { apiErrorText } from '@/i18n/apiErrorText'
import { useAnnouncerStore } from '@/stores/announcer'

/** Where a page's data is: each state has its own view. */
export type ResourceState = 'loading' | 'ready' | 'empty' | 'error'

/** How a page loads one piece of data from the portal API. */
export interface ResourceOptions<T> {
  /** The module asking, so its own error codes get their texts. */
  moduleId?: string
  /** An error code that means "nothing to show" rather than a failure. */
  emptyCode?: string
  /** True when a successful answer has nothing to show. */
  isEmpty?: (data: T) => boolean
  /** What to announce once the data is shown. */
  loadedText?: (data: T) => string
}

/** A loaded resource and the means to load it again. */
export interface ApiResource<T> {
  state: Ref<ResourceState>
  data: Ref<T | null>
  /** The translated error text when `state` is 'error'. */
  problem: Ref<string>
  reload: () => Promise<void>
}

/**
 * Loads data for a page when it mounts, with loading, empty and error
 * states, error texts chosen by code, and an announcement when it has
 * loaded, so every module behaves the same for screen-reader users.
 */
export function useApiResource<T>(
  load: () => Promise<T>,
  options: ResourceOptions<T> = {},
): ApiResource<T> {
  const announcer = useAnnouncerStore()
  const state = ref<ResourceState>('loading')
  const data = shallowRef<T | null>(null)
  const problem = ref('')

  async function reload() {
    state.value = 'loading'
    try {
      const result = await load()
      data.value = result
      state.value = options.isEmpty?.(result) ? 'empty' : 'ready'
      const text = options.loadedText?.(result)
      if (text) announcer.announce(text)
    } catch (error) {
      if (options.emptyCode && hasErrorCode(error, options.emptyCode)) {
        state.value = 'empty'
        return
      }
      problem.value = apiErrorText(error, options.moduleId)
      state.value = 'error'
    }
  }

  onMounted(reload)
  return { state, data, problem, reload }
}
