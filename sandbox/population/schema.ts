import type { ColumnType } from 'kysely'

/** A calendar day: read back as `YYYY-MM-DD` text (queries cast it). */
type Day = ColumnType<string, string, string>

/** One person of the population register. */
export interface SandboxPersonTable {
  personal_code: string
  given_name: string
  family_name: string
  sex: string
  birth_date: Day
  /** citizen, resident or e-resident. */
  kind: string
  citizenship: string
  phone_number: string
}

/** A person's residential address; e-residents have none. */
export interface SandboxAddressTable {
  personal_code: string
  county: string
  municipality: string
  settlement: string
  street: string
  house: string
  apartment: string | null
  postal_code: string
}

/**
 * One family link, stored from each side: a marriage is two `spouse` rows,
 * parenthood a `child` row on the parent and a `parent` row on the child.
 */
export interface SandboxFamilyTable {
  personal_code: string
  relative_code: string
  relation: 'spouse' | 'child' | 'parent'
}

/** An identity document. */
export interface SandboxDocumentTable {
  number: string
  personal_code: string
  type: string
  issued_on: Day
  valid_until: Day
  status: string
}

/** Facts the sandbox keeps about its own data, such as when it was seeded. */
export interface SandboxMetaTable {
  key: string
  value: string
}

/**
 * The sandbox population register's tables. A type alias, not an
 * interface, so `Kysely#withTables` accepts it.
 */
export type SandboxPopulationTables = {
  sandbox_person: SandboxPersonTable
  sandbox_address: SandboxAddressTable
  sandbox_family: SandboxFamilyTable
  sandbox_document: SandboxDocumentTable
  sandbox_meta: SandboxMetaTable
}
