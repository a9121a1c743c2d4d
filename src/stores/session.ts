import { ASSURANCE_LEVELS, type AssuranceLevel } from '@common/catalog/manifest'
import { defineStore, getActivePinia } from 'pinia'
import { computed, ref } from 'vue'
import { describeApiError, type ApiProblem } from '@/api/errors'
import {
  deleteSession,
  extendSession,
  fetchSession,
  type SessionUser,
} from '@/api/session'
import { clearApiCaches } from '@/pwa/clearApiCaches'
import { resetPersonalStores } from './reset'

/** True when a sign-in at `actual` is strong enough for `required`. */
export function assuranceSuffices(
  actual: AssuranceLevel,
  required: AssuranceLevel,
): boolean {
  return ASSURANCE_LEVELS.indexOf(actual) >= ASSURANCE_LEVELS.indexOf(required)
}

/**
 * Who is signed in. The session itself lives on the server behind an
 * HttpOnly cookie; this store only mirrors `GET /api/session`.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  /** `unknown` until the first answer; `failed` when the server was not reached. */
  const status = ref<'unknown' | 'ready' | 'failed'>('unknown')
  const problem = ref<ApiProblem | null>(null)
  /**
   * When, by this browser's clock, the session ends unless something
   * happens: learnt from the server's answers, null when unknown.
   */
  const idleDeadline = ref<number | null>(null)
  let pending: Promise<void> | undefined

  const signedIn = computed(() => user.value !== null)
  const displayName = computed(() =>
    user.value ? `${user.value.givenName} ${user.value.familyName}` : '',
  )

  async function refresh(): Promise<void> {
    try {
      user.value = await fetchSession()
      status.value = 'ready'
      problem.value = null
    } catch (error) {
      user.value = null
      status.value = 'failed'
      problem.value = describeApiError(error)
    }
  }

  /** Asks the server once per visit; later calls wait for the same answer. */
  function ensureLoaded(): Promise<void> {
    if (status.value === 'ready') return Promise.resolve()
    pending ??= refresh().finally(() => {
      pending = undefined
    })
    return pending
  }

  /** Takes the citizen a completed sign-in (Mobile-ID, …) answered with. */
  function acceptSignIn(signedInUser: SessionUser): void {
    user.value = signedInUser
    status.value = 'ready'
    problem.value = null
  }

  /** Keeps the session alive. Throws what the API threw. */
  async function extend(): Promise<void> {
    user.value = await extendSession()
  }

  /** The server answered that the session ends in `seconds` if idle. */
  function noteIdleExpiresIn(seconds: number): void {
    idleDeadline.value = Date.now() + seconds * 1000
  }

  /** The server told us the session is gone (expired or revoked). */
  function expire() {
    user.value = null
    idleDeadline.value = null
  }

  /**
   * Forgets the visit in this browser: personal stores, session storage
   * and cached API answers. For a session the server has already ended.
   */
  async function forget(): Promise<void> {
    const pinia = getActivePinia()
    if (pinia) resetPersonalStores(pinia)
    expire()
    status.value = 'ready'
    try {
      globalThis.sessionStorage?.clear()
    } catch {
      // Storage may be disabled; then there is nothing in it to clear.
    }
    await clearApiCaches()
  }

  /**
   * Signs out: the server revokes the session, then every personal trace
   * of the visit goes: stores, session storage and cached API answers.
   * Throws when the server could not be reached, so nothing is pretended.
   */
  async function signOut(): Promise<void> {
    await deleteSession()
    await forget()
  }

  return {
    user,
    status,
    problem,
    idleDeadline,
    signedIn,
    displayName,
    ensureLoaded,
    refresh,
    acceptSignIn,
    extend,
    noteIdleExpiresIn,
    expire,
    forget,
    signOut,
  }
})
