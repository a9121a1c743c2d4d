import type { Kysely } from 'kysely'

/**
 * EstCoin transfer signatures: each is started by one signed-in citizen in
 * one browser (the hash of their session cookie), completes once with the
 * provider's outcome, and an OK one is used at most once by the wallet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transfer_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('transfer_id', 'text', (c) => c.notNull())
    .addColumn('transfer_digest', 'text', (c) => c.notNull())
    .addColumn('hash_type', 'text', (c) => c.notNull())
    .addColumn('provider_session', 'text')
    .addColumn('certificate', 'text')
    .addColumn('signature', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('used_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('transfer_signatures_personal_code')
    .on('transfer_signatures')
    .columns(['personal_code', 'created_at'])
    .execute()
}
