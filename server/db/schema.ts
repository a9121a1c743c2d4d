import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** A signed-in citizen's server-side session. The cookie holds only its id. */
export interface SessionTable {
  /** SHA-256 of the cookie's random id, so a database leak yields no cookie. */
  id_hash: string
  personal_code: string
  given_name: string
  family_name: string
  /** How the citizen signed in: mobile-id, smart-id, id-card or sandbox. */
  method: string
  assurance: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/** Accessibility feedback sent from the statement page to the operator. */
export interface FeedbackTable {
  id: Generated<number>
  page: string
  message: string
  contact: string | null
  language: string
  created_at: Timestamp
}

/** Small facts the portal keeps about itself, such as when it was seeded. */
export interface PortalMetaTable {
  key: string
  value: string
}

/**
 * A Mobile-ID or Smart-ID sign-in waiting for the citizen's phone. Bound to
 * the browser that started it by the hash of its pre-sign-in cookie.
 */
export interface EidSignInTable {
  id: string
  browser_hash: string
  /** mobile-id or smart-id. */
  method: string
  /** The personal code the citizen entered; the certificate must match. */
  personal_code: string
  /** The identity provider's session id. */
  provider_session: string
  /** The digest sent to be signed, base64. */
  hash: string
  hash_type: string
  /** RUNNING or COMPLETE. */
  state: string
  result: string | null
  created_at: Timestamp
}

/** Sign-in starts per key (hashed client IP or personal code) per minute. */
export interface SignInRateLimitTable {
  key_hash: string
  window_start: Timestamp
  count: number
}

/**
 * The Web eID challenge a browser was last given: single use, valid five
 * minutes, bound by the hash of the browser's pre-sign-in cookie.
 */
export interface WebEidChallengeTable {
  browser_hash: string
  /** base64 of 32 random bytes; not secret, the card signs it. */
  nonce: string
  created_at: Timestamp
}

export interface WalletNameTable {
  personal_code: string
  /** maskName of the person's name, e.g. `M*** Ä**`. */
  masked_name: string
  updated_at: Timestamp
}

/** The portal's own tables. */
/**
 * A signature over one EstCoin transfer's digest (see
 * common/transferDigest.ts), by Mobile-ID, Smart-ID or the ID-card.
 */
export interface TransferSignatureTable {
  id: string
  /** The signed-in citizen who started it; the certificate must name them. */
  personal_code: string
  /** SHA-256 of the session cookie: the browser and session that started it. */
  session_hash: string
  /** mobile-id, smart-id or id-card. */
  method: string
  transfer_id: string
  /** The digest that was sent to be signed, base64. */
  transfer_digest: string
  /** SHA256, SHA384 or SHA512. */
  hash_type: string
  provider_session: string | null
  /** The signing certificate, base64 DER. */
  certificate: string | null
  /** The signature value, base64, once verified. */
  signature: string | null
  /** RUNNING or COMPLETE. */
  state: string
  /** OK, the provider's outcome or the portal's refusal. */
  result: string | null
  created_at: Timestamp
  completed_at: Timestamp | null
  /** When the wallet used it; an OK signature is used at most once. */
  used_at: Timestamp | null
}

export interface Database {
  sessions: SessionTable
  eid_sign_ins: EidSignInTable
  sign_in_rate_limits: SignInRateLimitTable
  web_eid_challenges: WebEidChallengeTable
  wallet_names: WalletNameTable
  feedback: FeedbackTable
  portal_meta: PortalMetaTable
  transfer_signatures: TransferSignatureTable
}
