import { sql, type Kysely, type RawBuilder } from 'kysely'
import { TREASURY } from './accounts.ts'

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

/** What postTransfer found; only `posted` wrote anything. */
export type PostOutcome =
  | 'posted'
  /** The sender's balance does not cover the amount. */
  | 'insufficient'
  /** A transfer with this id exists (it is committed and readable). */
  | 'id taken'
  /** The sender's or the recipient's account is not open. */
  | 'account missing'

const ENTRY_TAG = 'estcoin-ledger/entry/v1'

/**
 * Posts a transfer in one statement: locks both accounts (ascending id,
 * like every writer), checks the sender's balance unless it is the
 * treasury, inserts the transfer, appends a debit and a credit to the two
 * chains and moves the accounts' cached ends. One statement is atomic
 * without a transaction, and saves the round trips of one.
 *
 * The entry hash is computed here in SQL over exactly the bytes that
 * entryBytes (entryHash.ts) defines, which stays the definition: JSON
 * string escaping agrees between PostgreSQL and JavaScript for the text
 * the ledger accepts (no control characters, well-formed), integers print
 * alike, and the time is formatted as toISOString does. ledgerProblems
 * recomputes every hash in JavaScript, so any drift fails the tests.
 *
 * `INSERT … ON CONFLICT DO NOTHING` waits for a concurrent insert of the
 * same id to end, so `id taken` means that transfer can be read.
 */
export async function postTransfer(
  db: Kysely<unknown>,
  transfer: Transfer,
): Promise<PostOutcome> {
  const { id, from, to, amount, description, createdAt } = transfer
  const signed = (owner: RawBuilder<unknown>) =>
    sql`CASE WHEN ${owner} = ${from} THEN -${amount}::bigint
      ELSE ${amount}::bigint END`
  const { rows } = await sql<{
    accounts: number
    covered: number
    inserted: number
  }>`
    WITH locked AS MATERIALIZED (
      SELECT id, owner, balance, entry_count, head_hash
      FROM estcoin_accounts
      WHERE owner IN (${from}, ${to})
      ORDER BY id
      FOR UPDATE
    ), covered AS (
      SELECT f.id AS from_id, r.id AS to_id
      FROM locked f JOIN locked r ON f.owner = ${from} AND r.owner = ${to}
      WHERE f.owner = ${TREASURY} OR f.balance >= ${amount}::bigint
    ), t AS (
      INSERT INTO estcoin_transfers
        (id, from_account, to_account, amount, description, created_at)
      SELECT ${id}::uuid, from_id, to_id, ${amount}::bigint, ${description},
        ${createdAt}::timestamptz
      FROM covered
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ), sides AS (
      SELECT a.id AS account_id, a.owner, c.owner AS counterparty,
        a.entry_count + 1 AS seq, ${signed(sql`a.owner`)} AS amount,
        a.balance + ${signed(sql`a.owner`)} AS balance_after,
        a.head_hash AS prev_hash
      FROM t CROSS JOIN locked a JOIN locked c ON c.id <> a.id
    ), hashed AS (
      SELECT s.*, sha256(convert_to(
        '[' || to_json(${ENTRY_TAG}::text)::text
        || ',' || to_json(s.owner)::text
        || ',' || s.seq::text
        || ',' || to_json(${id}::uuid::text)::text
        || ',' || to_json(s.counterparty)::text
        || ',' || s.amount::text
        || ',' || s.balance_after::text
        || ',' || to_json(${description}::text)::text
        || ',"' || to_char(${createdAt}::timestamptz AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
        || ',"' || encode(s.prev_hash, 'hex') || '"]',
        'UTF8')) AS hash
      FROM sides s
    ), e AS (
      INSERT INTO estcoin_entries (account_id, seq, transfer_id, amount,
        balance_after, created_at, prev_hash, hash)
      SELECT account_id, seq, ${id}::uuid, amount, balance_after,
        ${createdAt}::timestamptz, prev_hash, hash
      FROM hashed
    ), u AS (
      UPDATE estcoin_accounts a
      SET balance = h.balance_after, entry_count = h.seq, head_hash = h.hash
      FROM hashed h
      WHERE a.id = h.account_id
    )
    SELECT (SELECT count(*) FROM locked)::int AS accounts,
      (SELECT count(*) FROM covered)::int AS covered,
      (SELECT count(*) FROM t)::int AS inserted
  `.execute(db)
  const counts = rows[0]
  if (Number(counts?.inserted) === 1) return 'posted'
  if (Number(counts?.accounts) < 2) return 'account missing'
  if (Number(counts?.covered) === 0) return 'insufficient'
  return 'id taken'
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
