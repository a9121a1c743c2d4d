import { sql, type Kysely } from 'kysely'
import type { Account } from './accounts.ts'
import { entryHash } from './entryHash.ts'

/** A transfer as stored, with its accounts named by their owners. */
export interface Transfer {
  id: string
  from: string
  to: string
  /** Cents, above zero. */
  amount: number
  description: string
  createdAt: Date
}

/** One side of a transfer: the entry it appends to an account's chain. */
function nextEntry(account: Account, other: Account, transfer: Transfer) {
  const amount =
    account.owner === transfer.from ? -transfer.amount : transfer.amount
  const entry = {
    account: account.owner,
    seq: account.entryCount + 1,
    transferId: transfer.id,
    counterparty: other.owner,
    amount,
    balanceAfter: account.balance + amount,
    description: transfer.description,
    createdAt: transfer.createdAt,
    prevHash: account.headHash,
  }
  return { ...entry, hash: entryHash(entry) }
}

type Entry = ReturnType<typeof nextEntry>

const row = (id: number, e: Entry) =>
  sql`(${id}::bigint, ${e.seq}::bigint, ${e.amount}::bigint,
    ${e.balanceAfter}::bigint, ${Buffer.from(e.prevHash, 'hex')}::bytea,
    ${Buffer.from(e.hash, 'hex')}::bytea)`

/**
 * Writes a transfer, its two entries and the accounts' new chain ends in
 * one statement, inside the caller's transaction, which must hold both
 * accounts' locks (see lockAccounts) and have checked the balance.
 * When a transfer with this id exists already, writes nothing and returns
 * false: the insert waits for a concurrent one with the same id to end,
 * so false means that transfer is committed and can be read.
 * On success, `from` and `to` are updated to their new chain ends, so a
 * batch can append more under the same locks.
 */
export async function appendTransfer(
  trx: Kysely<unknown>,
  transfer: Transfer,
  from: Account,
  to: Account,
): Promise<boolean> {
  const debit = nextEntry(from, to, transfer)
  const credit = nextEntry(to, from, transfer)
  const at = transfer.createdAt
  const { rows } = await sql<{ inserted: number }>`
    WITH t AS (
      INSERT INTO estcoin_transfers
        (id, from_account, to_account, amount, description, created_at)
      VALUES (${transfer.id}::uuid, ${from.id}::bigint, ${to.id}::bigint,
        ${transfer.amount}::bigint, ${transfer.description},
        ${at}::timestamptz)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ), v (account_id, seq, amount, balance_after, prev_hash, hash) AS (
      VALUES ${row(from.id, debit)}, ${row(to.id, credit)}
    ), e AS (
      INSERT INTO estcoin_entries (account_id, seq, transfer_id, amount,
        balance_after, created_at, prev_hash, hash)
      SELECT v.account_id, v.seq, t.id, v.amount, v.balance_after,
        ${at}::timestamptz, v.prev_hash, v.hash
      FROM t CROSS JOIN v
    ), u AS (
      UPDATE estcoin_accounts a
      SET balance = v.balance_after, entry_count = v.seq, head_hash = v.hash
      FROM t CROSS JOIN v
      WHERE a.id = v.account_id
    )
    SELECT count(*)::int AS inserted FROM t
  `.execute(trx)
  if (Number(rows[0]?.inserted) !== 1) return false

  for (const [account, entry] of [
    [from, debit],
    [to, credit],
  ] as const) {
    account.balance = entry.balanceAfter
    account.entryCount = entry.seq
    account.headHash = entry.hash
  }
  return true
}

interface TransferRow {
  id: string
  from_owner: string
  to_owner: string
  amount: unknown
  description: string
  created_at: Date
}

/** The transfer with this id, or undefined. */
export async function findTransfer(
  db: Kysely<unknown>,
  id: string,
): Promise<Transfer | undefined> {
  const { rows } = await sql<TransferRow>`
    SELECT t.id::text AS id, f.owner AS from_owner, r.owner AS to_owner,
      t.amount, t.description, t.created_at
    FROM estcoin_transfers t
    JOIN estcoin_accounts f ON f.id = t.from_account
    JOIN estcoin_accounts r ON r.id = t.to_account
    WHERE t.id = ${id}::uuid
  `.execute(db)
  const found = rows[0]
  return (
    found && {
      id: found.id,
      from: found.from_owner,
      to: found.to_owner,
      amount: Number(found.amount),
      description: found.description,
      createdAt: found.created_at,
    }
  )
}
