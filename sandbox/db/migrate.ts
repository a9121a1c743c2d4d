import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { migrateToLatest } from '../../server/db/migrate.ts'
import * as population from './migrations/0001_population.ts'
import * as messageLog from './migrations/0002_message_log.ts'
import * as usageLog from './migrations/0003_usage_log.ts'
import * as taxSubmissions from './migrations/0004_tax_submissions.ts'
import * as explanationRequests from './migrations/0006_explanation_requests.ts'
import * as dropPlainUsageLog from './migrations/0007_drop_plain_usage_log.ts'

/** The sandbox's migrations in order; add new ones at the end. */
export const SANDBOX_MIGRATIONS: Record<string, Migration> = {
  '0001_population': population,
  '0002_message_log': messageLog,
  '0003_usage_log': usageLog,
  '0004_tax_submissions': taxSubmissions,
  '0006_explanation_requests': explanationRequests,
  '0007_drop_plain_usage_log': dropPlainUsageLog,
}

/**
 * Brings the sandbox's tables to the newest schema. They have their own
 * migration table, so the portal's migrations never depend on them.
 */
export function migrateSandbox(db: Kysely<unknown>): Promise<void> {
  return migrateToLatest(db, SANDBOX_MIGRATIONS, 'sandbox_migration')
}
