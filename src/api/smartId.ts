import {
  cancelPhoneSignIn,
  pollPhoneSignIn,
  startPhoneSignIn,
  type PhoneSignInStart,
  type PhoneSignInStatus,
} from './phoneSignIn'

/** A Smart-ID sign-in the server started: its id and verification code. */
export type SmartIdStart = PhoneSignInStart

/** Where a Smart-ID sign-in stands, as `GET /api/auth/smart-id/{id}` says. */
export type SmartIdStatus = PhoneSignInStatus

/**
 * Starts Smart-ID sign-in: a notification to the citizen's Smart-ID app.
 * Throws what the API threw: 400 with PERSONAL_CODE_INVALID,
 * SMART_ID_ACCOUNT_NOT_FOUND or SMART_ID_ACCOUNT_UNUSABLE, 429 RATE_LIMITED
 * (with Retry-After), 502 SMART_ID_UNAVAILABLE or SMART_ID_REFUSED.
 */
export function startSmartId(personalCode: string): Promise<SmartIdStart> {
  return startPhoneSignIn('smart-id', { personalCode })
}

/** Asks once how the sign-in stands; the server waits up to a second. */
export function pollSmartId(id: string): Promise<SmartIdStatus> {
  return pollPhoneSignIn('smart-id', id)
}

/** Cancels a pending sign-in. */
export function cancelSmartId(id: string): Promise<void> {
  return cancelPhoneSignIn('smart-id', id)
}
