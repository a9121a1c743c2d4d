import { sql, type Kysely } from 'kysely'
import {
  dropAppendOnly,
  makeAppendOnly,
} from '../../../../server/db/appendOnly.ts'

/**
 * The EstCoin ledger: accounts, transfers and their double entries.
 *
 * - `estcoin_accounts`: one per personal code plus the treasury, the only
 *   account the database lets go below zero. `balance`, `entry_count` and
 *   `head_hash` cache the end of the account's entry chain; the ledger
 *   updates them in the transaction that appends the entry.
 * - `estcoin_transfers`: one row per transfer, keyed by the id the client
 *   generated. Append-only.
 * - `estcoin_entries`: a debit on the sender and a credit on the recipient
 *   per transfer, numbered per account from 1, each with the balance after
 *   it and the hash of the account's previous entry (see entryHash.ts).
 *   Append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('estcoin_accounts')
    .addColumn('id', 'bigint', (c) =>
      c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('owner', 'text', (c) => c.notNull().unique())
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('entry_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('head_hash', 'bytea', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'estcoin_accounts_owner',
      sql`owner = 'treasury' OR owner ~ '^[0-9]{11}$'`,
    )
    .addCheckConstraint(
      'estcoin_accounts_not_negative',
      sql`balance >= 0 OR owner = 'treasury'`,
    )
    .execute()

  await db.schema
    .createTable('estcoin_transfers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('from_account', 'bigint', (c) =>
      c.notNull().references('estcoin_accounts.id'),
    )
    .addColumn('to_account', 'bigint', (c) =>
      c.notNull().references('estcoin_accounts.id'),
    )
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'estcoin_transfers_two_accounts',
      sql`from_account <> to_account`,
    )
    .execute()

  await db.schema
    .createTable('estcoin_entries')
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('estcoin_accounts.id'),
    )
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq > 0`))
    .addColumn('transfer_id', 'uuid', (c) =>
      c.notNull().references('estcoin_transfers.id'),
    )
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('prev_hash', 'bytea', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('estcoin_entries_pk', ['account_id', 'seq'])
    .addUniqueConstraint('estcoin_entries_one_per_side', [
      'transfer_id',
      'account_id',
    ])
    .execute()
  await db.schema
    .createIndex('estcoin_entries_by_time')
    .on('estcoin_entries')
    .columns(['account_id', 'created_at'])
    .execute()

  await makeAppendOnly(db, 'estcoin_transfers')
  await makeAppendOnly(db, 'estcoin_entries')

  // The treasury exists from the start; its chain begins with no entry.
  await sql`
    INSERT INTO estcoin_accounts (owner, head_hash, opened_at)
    VALUES ('treasury', ${new Uint8Array(32)}, now())
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('estcoin_entries').execute()
  await db.schema.dropTable('estcoin_transfers').execute()
  await db.schema.dropTable('estcoin_accounts').execute()
  await dropAppendOnly(db, 'estcoin_entries')
  await dropAppendOnly(db, 'estcoin_transfers')
}
