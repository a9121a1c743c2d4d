import type { Language } from '@common/catalog/manifest'
import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createApp } from 'vue'
import { http } from '@/api/http'
import type { SessionUser } from '@/api/session'
import { i18n } from '@/i18n/i18n'
import { loadLanguage } from '@/i18n/loadLanguage'
import { resettableStores } from '@/stores/reset'

/**
 * A fresh, active Pinia with the portal's plugins, for one test. Pinia runs
 * plugins only once installed in an app, so it is installed in a bare one.
 */
export function freshPinia(): Pinia {
  const pinia = createPinia()
  pinia.use(resettableStores)
  createApp({}).use(pinia)
  setActivePinia(pinia)
  return pinia
}

/**
 * A signed-in citizen as `GET /api/session` describes her: Mari Maasikas,
 * signed in with Mobile-ID (high assurance), unless overridden.
 */
export function sessionUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    personalCode: '38001085718',
    givenName: 'Mari',
    familyName: 'Maasikas',
    method: 'mobile-id',
    assurance: 'high',
    idleExpiresAt: '2026-12-03T20:00:00Z',
    expiresAt: '2026-12-04T06:00:00Z',
    ...overrides,
  }
}

/** Loads the shell's texts and switches to a language. */
export async function useLanguage(language: Language): Promise<void> {
  await loadLanguage(language)
}

/** The plugins a component under test needs: Pinia and i18n. */
export function shellPlugins(pinia: Pinia) {
  return [pinia, i18n] as const
}

/** An AxiosError as axios throws it for a JSON error answer. */
export function apiFailure(
  status: number,
  body: unknown,
  contentType = 'application/json',
): AxiosError {
  const headers = new AxiosHeaders({ 'content-type': contentType })
  const config = { headers }
  const response = {
    status,
    statusText: '',
    data: body,
    headers,
    config,
  } as AxiosResponse
  return new AxiosError('failed', 'ERR_BAD_REQUEST', config, {}, response)
}

/** An AxiosError for a request that got no answer at all. */
export function networkFailure(code = AxiosError.ERR_NETWORK): AxiosError {
  return new AxiosError('Network Error', code, { headers: new AxiosHeaders() })
}

const bodies: unknown[] = []

/** The JSON bodies sent to the fake API since it was last set up. */
export function sentBodies(): unknown[] {
  return [...bodies]
}

/** A canned answer of the fake API; `'network'` means no answer at all. */
export type FakeAnswer =
  | { status?: number; body?: unknown; headers?: Record<string, string> }
  | 'network'

/**
 * Replaces the HTTP client's transport with canned answers keyed by
 * `METHOD /path` (relative to /api). Unknown calls fail as if offline.
 * A list of answers is given out in order, its last one repeating.
 * Returns the list of calls made.
 */
export function fakeApi(
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
): string[] {
  const calls: string[] = []
  bodies.length = 0
  http.defaults.adapter = async (config) => {
    const key = `${(config.method ?? 'get').toUpperCase()} ${config.url}`
    calls.push(key)
    bodies.push(
      typeof config.data === 'string' ? JSON.parse(config.data) : null,
    )
    const given = answers[key] ?? 'network'
    const answer = Array.isArray(given)
      ? ((given.length > 1 ? given.shift() : given[0]) ?? 'network')
      : given
    if (answer === 'network') {
      throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config)
    }
    const status = answer.status ?? 200
    const response: AxiosResponse = {
      data: answer.body,
      status,
      statusText: '',
      headers: new AxiosHeaders({
        ...(status === 204 ? {} : { 'content-type': 'application/json' }),
        ...answer.headers,
      }),
      config,
      request: {},
    }
    if (status >= 400) {
      throw new AxiosError('failed', 'ERR_BAD_REQUEST', config, {}, response)
    }
    return response
  }
  return calls
}

/** Waits for real timers (announcements) and promises to settle. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
