import type { Kysely } from 'kysely'
import {
  dropAppendOnly,
  makeAppendOnly,
} from '../../../server/db/appendOnly.ts'

/**
 * The registers' usage logs: one row per query that touched a person's
 * data, kept by the register that answered it. Rows are append-only: the
 * database refuses to update, delete or truncate them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_usage_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('client_member', 'text', (c) => c.notNull())
    .addColumn('client_member_code', 'text', (c) => c.notNull())
    .addColumn('client_subsystem', 'text')
    .addColumn('service', 'text')
    .addColumn('user_id', 'text')
    .addColumn('issue', 'text')
    .addColumn('x_road_id', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sandbox_usage_log_person')
    .on('sandbox_usage_log')
    .columns(['register', 'personal_code', 'logged_at', 'id'])
    .execute()

  await makeAppendOnly(db, 'sandbox_usage_log')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_usage_log').execute()
  await dropAppendOnly(db, 'sandbox_usage_log')
}
