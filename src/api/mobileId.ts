import {
  cancelPhoneSignIn,
  pollPhoneSignIn,
  startPhoneSignIn,
  type PhoneSignInStart,
  type PhoneSignInStatus,
} from './phoneSignIn'

/** A Mobile-ID sign-in the server started: its id and verification code. */
export type MobileIdStart = PhoneSignInStart

/** Where a Mobile-ID sign-in stands, as `GET /api/auth/mobile-id/{id}` says. */
export type MobileIdStatus = PhoneSignInStatus

/**
 * Starts Mobile-ID sign-in. Throws what the API threw: 400 with
 * PHONE_NUMBER_INVALID or PERSONAL_CODE_INVALID, 429 RATE_LIMITED (with
 * Retry-After), 502 MOBILE_ID_UNAVAILABLE or MOBILE_ID_REFUSED.
 */
export function startMobileId(
  phoneNumber: string,
  personalCode: string,
): Promise<MobileIdStart> {
  return startPhoneSignIn('mobile-id', { phoneNumber, personalCode })
}

/** Asks once how the sign-in stands; the server waits up to a second. */
export function pollMobileId(id: string): Promise<MobileIdStatus> {
  return pollPhoneSignIn('mobile-id', id)
}

/** Cancels a pending sign-in. */
export function cancelMobileId(id: string): Promise<void> {
  return cancelPhoneSignIn('mobile-id', id)
}
