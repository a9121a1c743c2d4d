import type { Kysely } from 'kysely'
import type { Holder } from '../ca/certificateAuthority.ts'
import { PUBLIC_DEMO_IDENTITIES } from '../population/publicDemoIdentities.ts'
import { findResident, findResidentByPhone } from '../population/store.ts'

/** What the sandbox Mobile-ID service will answer for one sign-in. */
export interface MobileIdOutcome {
  /** The Mobile-ID API's `result` once the session completes. */
  result: string
  /** Whose certificate signs, for OK and SIGNATURE_HASH_MISMATCH. */
  holder?: Holder
}

/**
 * Decides the outcome the way the public demo service does for its demo
 * numbers; every other resident of the sandbox population signs in with
 * their own number. A number and personal code that do not belong
 * together are NOT_MID_CLIENT.
 */
export async function decideOutcome(
  db: Kysely<unknown>,
  phoneNumber: string,
  personalCode: string,
): Promise<MobileIdOutcome> {
  const demo = PUBLIC_DEMO_IDENTITIES.find(
    (d) => d.mobileIdPhone === phoneNumber,
  )
  if (demo) {
    if (demo.personalCode !== personalCode || !demo.mobileIdResult) {
      return { result: 'NOT_MID_CLIENT' }
    }
    const resident = await findResident(db, personalCode)
    return {
      result: demo.mobileIdResult,
      holder: {
        personalCode,
        givenName: resident?.givenName ?? demo.givenName,
        familyName: resident?.familyName ?? demo.familyName,
      },
    }
  }

  const resident = await findResidentByPhone(db, phoneNumber)
  if (!resident || resident.personalCode !== personalCode) {
    return { result: 'NOT_MID_CLIENT' }
  }
  return {
    result: 'OK',
    holder: {
      personalCode,
      givenName: resident.givenName,
      familyName: resident.familyName,
    },
  }
}
