import { sql, type Kysely } from 'kysely'
import { selectEntries, type LedgerEntry } from './history.ts'
import { tallinnMonthRange } from './tallinnMonth.ts'

/** A month of one account: where it started, what moved, where it ended. */
export interface MonthlyStatement {
  /** `YYYY-MM`, a Europe/Tallinn month. */
  month: string
  /** The month's first instant. */
  start: Date
  /** The next month's first instant. */
  end: Date
  /** Cents at `start`: the balance after the last earlier entry. */
  openingBalance: number
  /** The month's entries, oldest first. */
  entries: LedgerEntry[]
  /** Cents at `end`. */
  closingBalance: number
}

/**
 * `owner`'s statement for a Tallinn month (`YYYY-MM`; MONTH_INVALID
 * otherwise). An account never opened has a statement of zeros.
 */
export async function monthlyStatement(
  db: Kysely<unknown>,
  owner: string,
  month: string,
): Promise<MonthlyStatement> {
  const { start, end } = tallinnMonthRange(month)
  const { rows } = await sql<{ balance_after: unknown }>`
    SELECT e.balance_after FROM estcoin_accounts a
    JOIN estcoin_entries e ON e.account_id = a.id
    WHERE a.owner = ${owner} AND e.created_at < ${start}::timestamptz
    ORDER BY e.seq DESC LIMIT 1
  `.execute(db)
  const openingBalance = Number(rows[0]?.balance_after ?? 0)
  const entries = await selectEntries(
    db,
    owner,
    sql`e.created_at >= ${start}::timestamptz
      AND e.created_at < ${end}::timestamptz`,
    'ASC',
  )
  const closingBalance = entries.at(-1)?.balanceAfter ?? openingBalance
  return { month, start, end, openingBalance, entries, closingBalance }
}
