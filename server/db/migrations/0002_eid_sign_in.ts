import type { Kysely } from 'kysely'

/**
 * Pending Mobile-ID and Smart-ID sign-ins, bound to the browser that
 * started them, and the sign-in rate-limit counters shared by instances.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eid_sign_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('provider_session', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('hash_type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('eid_sign_ins_created_at')
    .on('eid_sign_ins')
    .column('created_at')
    .execute()

  await db.schema
    .createTable('sign_in_rate_limits')
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_rate_limits_pk', [
      'key_hash',
      'window_start',
    ])
    .execute()
}
