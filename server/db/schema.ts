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

/** The portal's own tables. */
export interface Database {
  sessions: SessionTable
  feedback: FeedbackTable
  portal_meta: PortalMetaTable
}
