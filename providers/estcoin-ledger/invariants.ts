import { sql, type Kysely } from 'kysely'
import { hex, TREASURY } from './accounts.ts'
import { entryHash, GENESIS_HASH } from './entryHash.ts'

interface ChainRow {
  owner: string
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

/** Checks one account's chain against its cached end; adds problems. */
function checkChain(
  account: { owner: string; balance: number; count: number; head: string },
  entries: ChainRow[],
  problems: string[],
): void {
  const name =
    account.owner === TREASURY ? TREASURY : `account ${account.owner}`
  let balance = 0
  let prev = GENESIS_HASH
  for (const [i, row] of entries.entries()) {
    const seq = Number(row.seq)
    const amount = Number(row.amount)
    const balanceAfter = Number(row.balance_after)
    balance += amount
    if (seq !== i + 1) problems.push(`${name}: entry ${i + 1} has seq ${seq}`)
    if (balanceAfter !== balance) {
      problems.push(
        `${name}: entry ${seq} says ${balanceAfter}, sum ${balance}`,
      )
    }
    if (account.owner !== TREASURY && balanceAfter < 0) {
      problems.push(`${name}: entry ${seq} leaves ${balanceAfter}`)
    }
    if (hex(row.prev_hash) !== prev) {
      problems.push(`${name}: entry ${seq} does not link to entry ${seq - 1}`)
    }
    const recomputed = entryHash({
      account: account.owner,
      seq,
      transferId: row.transfer_id,
      counterparty: row.counterparty,
      amount,
      balanceAfter,
      description: row.description,
      createdAt: row.created_at,
      prevHash: hex(row.prev_hash),
    })
    if (hex(row.hash) !== recomputed) {
      problems.push(`${name}: entry ${seq} hash does not match its fields`)
    }
    prev = hex(row.hash)
  }
  if (account.balance !== balance) {
    problems.push(`${name}: balance ${account.balance}, entries sum ${balance}`)
  }
  if (account.count !== entries.length || account.head !== prev) {
    problems.push(`${name}: cached chain end differs from its last entry`)
  }
  if (account.owner !== TREASURY && account.balance < 0) {
    problems.push(`${name}: balance ${account.balance} below zero`)
  }
}

/**
 * Everything the ledger promises about its tables, checked from scratch:
 * balances sum to zero; each account's balance equals the sum of its
 * entries and the balance after its last entry; each chain is numbered
 * from 1, links to the previous hash and every hash recomputes; no
 * balance but the treasury's goes below zero; each transfer has exactly
 * its debit and its credit. Returns the problems found, none when sound.
 * Reads every entry: for tests and audits, not for request paths.
 */
export async function ledgerProblems(db: Kysely<unknown>): Promise<string[]> {
  const problems: string[] = []
  const { rows: accounts } = await sql<{
    id: unknown
    owner: string
    balance: unknown
    entry_count: unknown
    head_hash: Uint8Array
  }>`
    SELECT id, owner, balance, entry_count, head_hash
    FROM estcoin_accounts ORDER BY id
  `.execute(db)
  const { rows: entries } = await sql<ChainRow & { account_id: unknown }>`
    SELECT e.account_id, a.owner, e.seq, e.transfer_id::text AS transfer_id,
      c.owner AS counterparty, e.amount, e.balance_after, t.description,
      e.created_at, e.prev_hash, e.hash
    FROM estcoin_entries e
    JOIN estcoin_accounts a ON a.id = e.account_id
    JOIN estcoin_transfers t ON t.id = e.transfer_id
    JOIN estcoin_accounts c ON c.id = CASE
      WHEN t.from_account = e.account_id THEN t.to_account
      ELSE t.from_account END
    ORDER BY e.account_id, e.seq
  `.execute(db)

  const byAccount = new Map<number, ChainRow[]>()
  for (const entry of entries) {
    const id = Number(entry.account_id)
    const chain = byAccount.get(id) ?? []
    chain.push(entry)
    byAccount.set(id, chain)
  }
  let sum = 0
  for (const account of accounts) {
    sum += Number(account.balance)
    checkChain(
      {
        owner: account.owner,
        balance: Number(account.balance),
        count: Number(account.entry_count),
        head: hex(account.head_hash),
      },
      byAccount.get(Number(account.id)) ?? [],
      problems,
    )
  }
  if (sum !== 0) problems.push(`balances sum to ${sum}, not 0`)

  const { rows: unbalanced } = await sql<{ id: string }>`
    SELECT t.id::text AS id FROM estcoin_transfers t
    WHERE (SELECT count(*) FROM estcoin_entries e
           WHERE e.transfer_id = t.id) <> 2
      OR NOT EXISTS (SELECT 1 FROM estcoin_entries e
        WHERE e.transfer_id = t.id AND e.account_id = t.from_account
          AND e.amount = -t.amount AND e.created_at = t.created_at)
      OR NOT EXISTS (SELECT 1 FROM estcoin_entries e
        WHERE e.transfer_id = t.id AND e.account_id = t.to_account
          AND e.amount = t.amount AND e.created_at = t.created_at)
  `.execute(db)
  for (const { id } of unbalanced) {
    problems.push(`transfer ${id} lacks its debit or its credit`)
  }
  return problems
}
