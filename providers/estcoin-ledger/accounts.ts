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
