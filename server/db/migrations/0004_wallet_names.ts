import type { Kysely } from 'kysely'

/**
 * The masked names (maskName) the wallet shows beside a counterparty's
 * personal code in its history: learnt when someone signs in or is
 * previewed as a recipient. Masked names only: the portal keeps no full
 * name of anyone who is not signed in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wallet_names')
    .addColumn('personal_code', 'text', (c) => c.primaryKey())
    .addColumn('masked_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
}
