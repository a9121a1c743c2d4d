/**
 * A person in the sandbox population register, as the generator makes it
 * and the store keeps it. Dates are `YYYY-MM-DD`.
 */

export type Sex = 'female' | 'male'

/** Citizen of Estonia, foreigner living here, or e-resident living abroad. */
export type ResidentKind = 'citizen' | 'resident' | 'e-resident'

export type DocumentType =
  'id-card' | 'passport' | 'digital-id' | 'residence-permit-card'

export type DocumentStatus = 'valid' | 'expired' | 'revoked'

/** An identity document the state has issued to the person. */
export interface IdentityDocument {
  type: DocumentType
  /** Document number, e.g. `AS1234567` for an ID-card. */
  number: string
  issuedOn: string
  validUntil: string
  status: DocumentStatus
}

/** A residential address in Estonia. */
export interface Address {
  county: string
  municipality: string
  settlement: string
  street: string
  house: string
  apartment: string | null
  postalCode: string
}

/** Family links by personal code; each link is recorded on both sides. */
export interface FamilyLinks {
  spouse: string | null
  children: string[]
  parents: string[]
}

/** One synthetic resident. */
export interface Resident {
  personalCode: string
  givenName: string
  familyName: string
  sex: Sex
  birthDate: string
  kind: ResidentKind
  /** ISO 3166-1 alpha-2 code, `EE` for citizens. */
  citizenship: string
  /** Mobile number in international form, `+372…`. */
  phoneNumber: string
  /** Null for e-residents, who live abroad. */
  address: Address | null
  family: FamilyLinks
  documents: IdentityDocument[]
}

/** A resident worth signing in as, with what they show. */
export interface DemoIdentity {
  personalCode: string
  phoneNumber: string
  givenName: string
  familyName: string
  /** Given and family name together, as printed at start-up. */
  name: string
  kind: ResidentKind
  /** What signing in as this resident shows, e.g. 'ID-card expires soon'. */
  note: string
}
