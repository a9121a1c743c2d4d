import { sql, type Kysely } from 'kysely'
import { GENESIS_HASH } from './entryHash.ts'

/** The owner name of the treasury account, which issues EstCoin. */
export const TREASURY = 'treasury'

/** An account row as the ledger reads it. */
export interface Account {
  id: number
  /** A personal code, or TREASURY. */
  owner: string
  /** Cents; below zero only for the treasury. */
  balance: number
  /** How many entries the account's chain has: its last entry's seq. */
  entryCount: number
  /** Hex hash of the last entry, or GENESIS_HASH before the first. */
  headHash: string
  openedAt: Date
}

interface AccountRow {
  id: unknown
  owner: string
  balance: unknown
  entry_count: unknown
  head_hash: Uint8Array
  opened_at: Date
}

/** Hex of a bytea value, which pg gives as a Buffer and PGlite as bytes. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function toAccount(row: AccountRow): Account {
  return {
    id: Number(row.id),
    owner: row.owner,
    balance: Number(row.balance),
    entryCount: Number(row.entry_count),
    headHash: hex(row.head_hash),
    openedAt: row.opened_at,
  }
}

const COLUMNS = sql.raw('id, owner, balance, entry_count, head_hash, opened_at')

async function selectForUpdate(
  trx: Kysely<unknown>,
  owners: string[],
): Promise<Account[]> {
  // The lock order: ascending id, whoever asks, so no two transfers wait on
  // each other's rows.
  const { rows } = await sql<AccountRow>`
    SELECT ${COLUMNS} FROM estcoin_accounts
    WHERE owner IN (${sql.join(owners)})
    ORDER BY id
    FOR UPDATE
  `.execute(trx)
  return rows.map(toAccount)
}

/**
 * Opens the accounts that do not exist yet; a concurrent opening of the
 * same owner leaves one row. Owners are inserted in sorted order, so two
 * transactions opening the same new accounts wait in one order.
 */
export async function openAccounts(
  db: Kysely<unknown>,
  owners: string[],
  openedAt: Date,
): Promise<void> {
  const sorted = [...new Set(owners)].sort()
  if (sorted.length === 0) return
  const genesis = Buffer.from(GENESIS_HASH, 'hex')
  await sql`
    INSERT INTO estcoin_accounts (owner, head_hash, opened_at)
    VALUES ${sql.join(sorted.map((o) => sql`(${o}, ${genesis}, ${openedAt})`))}
    ON CONFLICT (owner) DO NOTHING
  `.execute(db)
}

/**
 * Locks the existing accounts of `owners` for the rest of the transaction,
 * in the ledger's lock order. An owner without an account is missing from
 * the map: open it with openAccounts outside the transaction and start
 * again, since a lock taken here while waiting on someone else's opening
 * could go against the order.
 */
export async function lockAccounts(
  trx: Kysely<unknown>,
  owners: string[],
): Promise<Map<string, Account>> {
  const accounts = await selectForUpdate(trx, owners)
  return new Map(accounts.map((a) => [a.owner, a]))
}

/** The account of `owner`, or undefined when it was never opened. */
export async function findAccount(
  db: Kysely<unknown>,
  owner: string,
): Promise<Account | undefined> {
  const { rows } = await sql<AccountRow>`
    SELECT ${COLUMNS} FROM estcoin_accounts WHERE owner = ${owner}
  `.execute(db)
  return rows[0] && toAccount(rows[0])
}
