import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { migrateToLatest } from '../../../server/db/migrate.ts'
import * as witness from './migrations/0001_witness.ts'

/** The witness's migrations in order; add new ones at the end. */
export const WITNESS_MIGRATIONS: Record<string, Migration> = {
  '0001_witness': witness,
}

/**
 * Brings the witness's tables to the newest schema. They have their own
 * migration table, so the witness runs beside the portal or alone.
 */
export function migrateWitness(db: Kysely<unknown>): Promise<void> {
  return migrateToLatest(db, WITNESS_MIGRATIONS, 'witness_migration')
}
