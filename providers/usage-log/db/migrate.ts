import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { migrateToLatest } from '../../../server/db/migrate.ts'
import * as usageLog from './migrations/0001_usage_log.ts'

/** The usage-log service's migrations in order; add new ones at the end. */
export const USAGE_LOG_MIGRATIONS: Record<string, Migration> = {
  '0001_usage_log': usageLog,
}

/**
 * Brings the usage-log tables to the newest schema. They have their own
 * migration table: an agency can run the service on a database of its own.
 */
export function migrateUsageLog(db: Kysely<unknown>): Promise<void> {
  return migrateToLatest(db, USAGE_LOG_MIGRATIONS, 'usage_log_migration')
}
