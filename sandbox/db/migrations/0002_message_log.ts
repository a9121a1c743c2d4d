import type { Kysely } from 'kysely'
import {
  dropAppendOnly,
  makeAppendOnly,
} from '../../../server/db/appendOnly.ts'

/**
 * The security servers' message logs: one hash chain per server, and a
 * head row per server that holds the newest record's number and hash.
 * Records are append-only: the database refuses to update or delete them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_xroad_log_head')
    .addColumn('server', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sandbox_xroad_log')
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('logged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('x_road_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('client', 'text')
    .addColumn('service', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text')
    .addColumn('response_status', 'integer', (c) => c.notNull())
    .addColumn('fault_type', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_xroad_log_pk', ['server', 'seq'])
    .execute()

  await makeAppendOnly(db, 'sandbox_xroad_log')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_xroad_log').execute()
  await db.schema.dropTable('sandbox_xroad_log_head').execute()
  await dropAppendOnly(db, 'sandbox_xroad_log')
}
