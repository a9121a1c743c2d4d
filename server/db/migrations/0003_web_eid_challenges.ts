import type { Kysely } from 'kysely'

/**
 * Web eID challenge nonces: one per browser (the hash of its pre-sign-in
 * cookie), replaced by the next challenge and deleted when used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_eid_challenges')
    .addColumn('browser_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('web_eid_challenges_created_at')
    .on('web_eid_challenges')
    .column('created_at')
    .execute()
}
