import { sql, type Kysely } from 'kysely'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import {
  findAccount,
  openAccounts,
  TREASURY,
  type Account,
} from './accounts.ts'
import { findTransfer, postTransfer } from './postTransfer.ts'
import { LedgerError } from './errors.ts'
import type { TransferResult } from './transfer.ts'
import { tallinnMonth } from './tallinnMonth.ts'
import { monthlyGrantId, welcomeGrantId } from './transferId.ts'

/** The welcome grant unless configured otherwise: 100.00 EST. */
export const DEFAULT_WELCOME_GRANT = 10_000

/** Key of the advisory lock that makes one instance pay a month's grants. */
export const MONTHLY_GRANT_LOCK = 0x4553_5447 // 'ESTG'

/** Accounts paid per transaction of the monthly run. */
const BATCH = 200

function checkGrantAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new Error(`A grant must be whole cents from 0, not ${amount}`)
  }
}

/**
 * Opens a person's account if needed and issues their welcome grant once
 * per person: the grant's id derives from the personal code, so a second
 * sign-in, or two at once, finds the first grant. Call on each sign-in.
 * A `welcomeGrant` of 0 issues nothing.
 */
export async function openAccount(
  db: Kysely<unknown>,
  personalCode: string,
  options: { welcomeGrant?: number; now?: () => Date } = {},
): Promise<{ account: Account; grant?: TransferResult }> {
  if (!isValidPersonalCode(personalCode)) {
    throw new LedgerError('PERSONAL_CODE_INVALID')
  }
  const amount = options.welcomeGrant ?? DEFAULT_WELCOME_GRANT
  checkGrantAmount(amount)
  const now = options.now ?? (() => new Date())
  await openAccounts(db, [personalCode], now())

  let grant: TransferResult | undefined
  if (amount > 0) {
    const made = {
      id: welcomeGrantId(personalCode),
      from: TREASURY,
      to: personalCode,
      amount,
      description: 'Welcome grant',
      createdAt: now(),
    }
    const issued = await findTransfer(db, made.id)
    if (issued) grant = { transfer: issued, created: false }
    else if ((await postTransfer(db, made)) === 'posted') {
      grant = { transfer: made, created: true }
    } else {
      // Only a concurrent sign-in issuing the same grant can get here.
      const first = await findTransfer(db, made.id)
      if (!first) throw new Error('The welcome grant was not issued')
      grant = { transfer: first, created: false }
    }
  }

  const account = await findAccount(db, personalCode)
  if (!account) throw new Error('The account did not open')
  return { account, grant }
}

/** What one monthly run did. */
export interface MonthlyGrantRun {
  /** The Tallinn month paid, `YYYY-MM`. */
  month: string
  /** Grants this run issued; accounts paid before are skipped. */
  granted: number
  /** `busy` when another instance held the lock; it carries on instead. */
  status: 'done' | 'busy'
}

type Batch = 'busy' | 'end' | { lastId: number; granted: number }

async function payBatch(
  trx: Kysely<unknown>,
  month: string,
  afterId: number,
  amount: number,
  createdAt: Date,
): Promise<Batch> {
  const { rows: lock } = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(${MONTHLY_GRANT_LOCK}::bigint) AS locked
  `.execute(trx)
  if (!lock[0]?.locked) return 'busy'

  const { rows } = await sql<{ id: unknown; owner: string }>`
    SELECT id, owner FROM estcoin_accounts
    WHERE owner <> ${TREASURY} AND id > ${afterId}::bigint
    ORDER BY id LIMIT ${BATCH}
  `.execute(trx)
  const last = rows.at(-1)
  if (!last) return 'end'

  const ids = new Map(
    rows.map((r) => [r.owner, monthlyGrantId(r.owner, month)]),
  )
  const { rows: paid } = await sql<{ id: string }>`
    SELECT id::text AS id FROM estcoin_transfers
    WHERE id IN (${sql.join([...ids.values()].map((id) => sql`${id}::uuid`))})
  `.execute(trx)
  const paidIds = new Set(paid.map((p) => p.id))
  const due = [...ids].filter(([, id]) => !paidIds.has(id))

  let granted = 0
  for (const [owner, id] of due) {
    // Each grant locks the treasury and then a higher id, as every
    // writer does; the locks stay held until the batch commits.
    const outcome = await postTransfer(trx, {
      id,
      from: TREASURY,
      to: owner,
      amount,
      description: `Community grant ${month}`,
      createdAt,
    })
    if (outcome === 'posted') granted++
    else if (outcome !== 'id taken') throw new Error(`Grant: ${outcome}`)
  }
  return { lastId: Number(last.id), granted }
}

/**
 * Pays the community grant of the current Tallinn month to every person's
 * account not yet paid for it, in batches, each transaction holding a
 * PostgreSQL advisory lock so that one instance pays at a time. Safe to
 * run as often as wanted: a grant's id derives from the month and the
 * personal code, so an account is paid once per month, and accounts
 * opened later in the month are paid by the next run.
 */
export async function runMonthlyGrant(
  db: Kysely<unknown>,
  options: { amount: number; now?: () => Date },
): Promise<MonthlyGrantRun> {
  checkGrantAmount(options.amount)
  const now = options.now ?? (() => new Date())
  const month = tallinnMonth(now())
  let granted = 0
  if (options.amount === 0) return { month, granted, status: 'done' }

  for (let afterId = 0; ;) {
    const batch = await db
      .transaction()
      .execute((trx) => payBatch(trx, month, afterId, options.amount, now()))
    if (batch === 'busy') return { month, granted, status: 'busy' }
    if (batch === 'end') return { month, granted, status: 'done' }
    granted += batch.granted
    afterId = batch.lastId
  }
}

/**
 * Runs runMonthlyGrant now and then every `intervalMs` (an hour unless
 * told), so a new month is paid soon after it starts. Errors go to
 * `onError`; the next tick tries again. Returns the function that stops it.
 */
export function startMonthlyGrantScheduler(
  db: Kysely<unknown>,
  options: {
    amount: number
    intervalMs?: number
    onRun?: (run: MonthlyGrantRun) => void
    onError: (error: unknown) => void
  },
): () => void {
  let running = false
  const tick = () => {
    if (running) return
    running = true
    runMonthlyGrant(db, { amount: options.amount })
      .then((run) => options.onRun?.(run), options.onError)
      .finally(() => (running = false))
  }
  tick()
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000)
  timer.unref()
  return () => clearInterval(timer)
}
