import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { migrateToLatest } from '../../../server/db/migrate.ts'
import * as ledger from './migrations/0001_ledger.ts'

/** The EstCoin ledger's migrations in order; add new ones at the end. */
export const LEDGER_MIGRATIONS: Record<string, Migration> = {
  '0001_ledger': ledger,
}

/**
 * Brings the ledger's tables to the newest schema. They have their own
 * migration table, so the ledger can run on its own database or beside
 * the portal's tables in the embedded default.
 */
export function migrateLedger(db: Kysely<unknown>): Promise<void> {
  return migrateToLatest(db, LEDGER_MIGRATIONS, 'estcoin_ledger_migration')
}
