import { sql, type Kysely, type RawBuilder } from 'kysely'
import { hex } from './accounts.ts'
import { LedgerError } from './errors.ts'

/** One entry of an account's chain, with its transfer's details. */
export interface LedgerEntry {
  /** The entry's number in the account's chain, from 1. */
  seq: number
  transferId: string
  /** The other side's owner: a personal code, or `treasury`. */
  counterparty: string
  /** Cents: negative for money sent, positive for money received. */
  amount: number
  balanceAfter: number
  description: string
  createdAt: Date
  /** Hex hash of the account's previous entry (see entryHash.ts). */
  prevHash: string
  hash: string
}

interface EntryRow {
  seq: unknown
  transfer_id: string
  counterparty: string
  amount: unknown
  balance_after: unknown
  description: string
  created_at: Date
  prev_hash: Uint8Array
  hash: Uint8Array
}

/** The entries of `owner`'s account matching `where`, in `order`. */
export async function selectEntries(
  db: Kysely<unknown>,
  owner: string,
  where: RawBuilder<unknown>,
  order: 'ASC' | 'DESC',
  limit?: number,
): Promise<LedgerEntry[]> {
  const { rows } = await sql<EntryRow>`
    SELECT e.seq, e.transfer_id::text AS transfer_id,
      c.owner AS counterparty, e.amount, e.balance_after, t.description,
      e.created_at, e.prev_hash, e.hash
    FROM estcoin_accounts a
    JOIN estcoin_entries e ON e.account_id = a.id
    JOIN estcoin_transfers t ON t.id = e.transfer_id
    JOIN estcoin_accounts c ON c.id = CASE
      WHEN t.from_account = e.account_id THEN t.to_account
      ELSE t.from_account END
    WHERE a.owner = ${owner} AND ${where}
    ORDER BY e.seq ${sql.raw(order)}
    ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}
  `.execute(db)
  return rows.map((r) => ({
    seq: Number(r.seq),
    transferId: r.transfer_id,
    counterparty: r.counterparty,
    amount: Number(r.amount),
    balanceAfter: Number(r.balance_after),
    description: r.description,
    createdAt: r.created_at,
    prevHash: hex(r.prev_hash),
    hash: hex(r.hash),
  }))
}

/** Most entries one page of history holds. */
export const HISTORY_LIMIT_MAX = 100

/**
 * A page of `owner`'s entries, newest first: at most `limit` (20 unless
 * told), and only those numbered below `before` when given, so the next
 * page starts before the last entry's seq. Refuses bad paging with
 * PAGING_INVALID; an account never opened has no entries.
 */
export async function accountHistory(
  db: Kysely<unknown>,
  owner: string,
  page: { limit?: number; before?: number } = {},
): Promise<LedgerEntry[]> {
  const { limit = 20, before } = page
  if (
    !Number.isSafeInteger(limit) ||
    limit < 1 ||
    limit > HISTORY_LIMIT_MAX ||
    (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
  ) {
    throw new LedgerError('PAGING_INVALID')
  }
  const where =
    before === undefined ? sql`true` : sql`e.seq < ${before}::bigint`
  return selectEntries(db, owner, where, 'DESC', limit)
}
