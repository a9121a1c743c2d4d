import { AxiosError } from 'axios'
import { http } from './http'
import { readUser, type SessionUser } from './session'

/** The sign-in methods that confirm on the citizen's phone. */
export type PhoneSignInMethod = 'mobile-id' | 'smart-id'

/** A sign-in the server started: its id and verification code. */
export interface PhoneSignInStart {
  id: string
  /** Four digits the citizen compares with what their phone shows. */
  verificationCode: string
}

/** Where a sign-in stands, as `GET /api/auth/{method}/{id}` says. */
export type PhoneSignInStatus =
  | { state: 'RUNNING' }
  | { state: 'COMPLETE'; result: string; user: SessionUser | null }

/** Starts a Mobile-ID or Smart-ID sign-in; throws what the API threw. */
export async function startPhoneSignIn(
  method: PhoneSignInMethod,
  body: object,
): Promise<PhoneSignInStart> {
  const { data } = await http.post<Partial<PhoneSignInStart>>(
    `/auth/${method}`,
    body,
  )
  if (
    typeof data.id !== 'string' ||
    typeof data.verificationCode !== 'string'
  ) {
    throw new AxiosError('The answer has no sign-in id or code.')
  }
  return { id: data.id, verificationCode: data.verificationCode }
}

/** Asks once how the sign-in stands; the server waits up to a second. */
export async function pollPhoneSignIn(
  method: PhoneSignInMethod,
  id: string,
): Promise<PhoneSignInStatus> {
  const { data } = await http.get<{ state?: unknown; result?: unknown }>(
    `/auth/${method}/${encodeURIComponent(id)}`,
  )
  if (data.state !== 'COMPLETE') return { state: 'RUNNING' }
  return {
    state: 'COMPLETE',
    result: typeof data.result === 'string' ? data.result : '',
    user: readUser(data),
  }
}

/** Cancels a pending sign-in. */
export async function cancelPhoneSignIn(
  method: PhoneSignInMethod,
  id: string,
): Promise<void> {
  await http.delete(`/auth/${method}/${encodeURIComponent(id)}`)
}

/**
 * The seconds a 429 answer asks to wait (its `Retry-After`, in seconds or
 * as a date), or undefined when the answer says nothing usable.
 */
export function retryAfterSeconds(
  error: unknown,
  now = Date.now(),
): number | undefined {
  if (!(error instanceof AxiosError) || !error.response) return undefined
  const value: unknown = error.response.headers['retry-after']
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const until = Date.parse(value)
  if (Number.isNaN(until)) return undefined
  return Math.max(0, Math.ceil((until - now) / 1000))
}
