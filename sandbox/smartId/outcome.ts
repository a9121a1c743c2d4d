import type { Kysely } from 'kysely'
import type { Holder } from '../ca/certificateAuthority.ts'
import { PUBLIC_DEMO_IDENTITIES } from '../population/publicDemoIdentities.ts'
import { findResident } from '../population/store.ts'

/** A Smart-ID account of the sandbox and how its sessions end. */
export interface SmartIdAccount {
  documentNumber: string
  /** The session's `endResult` once the app "answers". */
  endResult: string
  holder: Holder
}

const ETSI = /^PNOEE-(\d{11})$/
const DOCUMENT = /^PNOEE-(\d{11})-[A-Z0-9]{4}-Q$/

/**
 * The account an ETSI identifier (`PNOEE-<code>`) names: the public demo
 * accounts end as the demo service's do, every other resident of the
 * sandbox population has an account that signs in. Undefined when the
 * person has no account (the API answers 404).
 */
export async function findSmartIdAccount(
  db: Kysely<unknown>,
  semanticsId: string,
): Promise<SmartIdAccount | undefined> {
  const personalCode = ETSI.exec(semanticsId)?.[1]
  if (!personalCode) return undefined

  const demo = PUBLIC_DEMO_IDENTITIES.find(
    (d) => d.personalCode === personalCode && d.smartIdResult,
  )
  const resident = await findResident(db, personalCode)
  if (demo?.smartIdResult && demo.smartIdDocumentNumber) {
    return {
      documentNumber: demo.smartIdDocumentNumber,
      endResult: demo.smartIdResult,
      holder: {
        personalCode,
        givenName: resident?.givenName ?? demo.givenName,
        familyName: resident?.familyName ?? demo.familyName,
      },
    }
  }
  if (!resident) return undefined
  return {
    documentNumber: `PNOEE-${personalCode}-SBOX-Q`,
    endResult: 'OK',
    holder: {
      personalCode,
      givenName: resident.givenName,
      familyName: resident.familyName,
    },
  }
}

/** The account with this document number, or undefined. */
export async function findSmartIdDocument(
  db: Kysely<unknown>,
  documentNumber: string,
): Promise<SmartIdAccount | undefined> {
  const personalCode = DOCUMENT.exec(documentNumber)?.[1]
  if (!personalCode) return undefined
  const account = await findSmartIdAccount(db, `PNOEE-${personalCode}`)
  return account?.documentNumber === documentNumber ? account : undefined
}
