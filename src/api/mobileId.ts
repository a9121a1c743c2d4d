import { AxiosError } from 'axios'
import { http } from './http'
import { readUser, type SessionUser } from './session'

/** A Mobile-ID sign-in the server started: its id and verification code. */
export interface MobileIdStart {
  id: string
  /** Four digits the citizen compares with what their phone shows. */
  verificationCode: string
}

/** Where a Mobile-ID sign-in stands, as `GET /api/auth/mobile-id/{id}` says. */
export type MobileIdStatus =
  | { state: 'RUNNING' }
  | { state: 'COMPLETE'; result: string; user: SessionUser | null }

/**
 * Starts Mobile-ID sign-in. Throws what the API threw: 400 with
 * PHONE_NUMBER_INVALID or PERSONAL_CODE_INVALID, 429 RATE_LIMITED (with
 * Retry-After), 502 MOBILE_ID_UNAVAILABLE or MOBILE_ID_REFUSED.
 */
export async function startMobileId(
  phoneNumber: string,
  personalCode: string,
): Promise<MobileIdStart> {
  const { data } = await http.post<Partial<MobileIdStart>>('/auth/mobile-id', {
    phoneNumber,
    personalCode,
  })
  if (
    typeof data.id !== 'string' ||
    typeof data.verificationCode !== 'string'
  ) {
    throw new AxiosError('The answer has no sign-in id or code.')
  }
  return { id: data.id, verificationCode: data.verificationCode }
}

/** Asks once how the sign-in stands; the server waits up to a second. */
export async function pollMobileId(id: string): Promise<MobileIdStatus> {
  const { data } = await http.get<{ state?: unknown; result?: unknown }>(
    `/auth/mobile-id/${encodeURIComponent(id)}`,
  )
  if (data.state !== 'COMPLETE') return { state: 'RUNNING' }
  return {
    state: 'COMPLETE',
    result: typeof data.result === 'string' ? data.result : '',
    user: readUser(data),
  }
}

/** Cancels a pending sign-in. */
export async function cancelMobileId(id: string): Promise<void> {
  await http.delete(`/auth/mobile-id/${encodeURIComponent(id)}`)
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
