import type { Kysely } from 'kysely'
import * as plainUsageLog from './0003_usage_log.ts'

/**
 * The registers' plain usage log is replaced by the Merkle usage logs of
 * providers/usage-log, which keep their own tables: the old table goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await plainUsageLog.down(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await plainUsageLog.up(db)
}
