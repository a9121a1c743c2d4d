import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Kysely } from 'kysely'
import { migrateLedger } from '../../providers/estcoin-ledger/db/migrate.ts'
import { LedgerError } from '../../providers/estcoin-ledger/errors.ts'
import { openAccount } from '../../providers/estcoin-ledger/grants.ts'
import { ledgerProblems } from '../../providers/estcoin-ledger/invariants.ts'
import { person } from '../../providers/estcoin-ledger/ledgerTestKit.ts'
import { transfer } from '../../providers/estcoin-ledger/transfer.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { startPostgres } from '../../tests/support/postgresServer.ts'
import type { BenchSection } from './context.ts'
import { summarize, type LoadResult, type LoadSample } from './loadPlan.ts'
import { clientsGone, loadAverage } from './moduleCalls.ts'

export const CLIENTS = 16
export const WARM_UP_MS = 1000
export const DURATION_MS = 5000
export const ACCOUNTS = 1000
export const HOT_ACCOUNTS = 10
/** Enough that no transfer of the run is refused for funds. */
export const OPENING_BALANCE = 100_000_000

/** Targets on PostgreSQL, from issue 7. */
const TARGET_SPREAD_PER_SECOND = 2000
const TARGET_HOT_PER_SECOND = 1000
const TARGET_HOT_P99_MS = 100

/** One client's transfer; throws with the refusal's code on failure. */
export type SendTransfer = (request: {
  id: string
  from: string
  to: string
  amount: number
  description: string
}) => Promise<unknown>

/**
 * CLIENTS loops sending transfers between random accounts of `people`
 * with `send`; times those started after the warm-up, until DURATION_MS
 * is over.
 */
export async function measureTransfers(
  send: SendTransfer,
  people: string[],
): Promise<LoadResult> {
  const sample: LoadSample = { latenciesMs: [], failures: {}, windowMs: 0 }
  const begin = performance.now() + WARM_UP_MS
  const end = begin + DURATION_MS
  let lastAnswer = begin
  const pick = () => people[Math.floor(Math.random() * people.length)] ?? ''

  const client = async () => {
    while (performance.now() < end) {
      const from = pick()
      let to = pick()
      while (to === from) to = pick()
      const started = performance.now()
      let failure: string | undefined
      try {
        await send({
          id: randomUUID(),
          from,
          to,
          amount: 1 + Math.floor(Math.random() * 100),
          description: 'bench',
        })
      } catch (error) {
        failure =
          error instanceof LedgerError
            ? error.code
            : error instanceof Error
              ? error.message
              : String(error)
      }
      const answered = performance.now()
      if (started < begin) continue
      lastAnswer = Math.max(lastAnswer, answered)
      if (failure)
        sample.failures[failure] = (sample.failures[failure] ?? 0) + 1
      else sample.latenciesMs.push(answered - started)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  sample.windowMs = lastAnswer - begin
  return summarize([sample])
}

/** `send` of the SQL layer: transfer() in-process on `db`. */
export const sqlTransfer =
  (db: Kysely<unknown>): SendTransfer =>
  (request) =>
    transfer(db, request)

const ms = (value: number) => `${value.toFixed(1)} ms`
export const rate = (value: number) => Math.round(value).toLocaleString('en')
export const met = (ok: boolean) => (ok ? 'met' : 'MISSED')

/** One measurement as a report line. */
export function line(label: string, result: LoadResult): string {
  const failed = Object.entries(result.failures)
    .map(([cause, n]) => `${n} × ${cause}`)
    .join(', ')
  return (
    `  ${label.padEnd(18)} ${rate(result.perSecond).padStart(6)}/s  ` +
    `p50 ${ms(result.p50Ms).padStart(8)}  p99 ${ms(result.p99Ms).padStart(8)}` +
    (failed ? `  FAILED: ${failed}` : '')
  )
}

/** Opens and funds the accounts, measures both spreads, checks invariants. */
async function measureEngine(
  database: PortalDatabase,
  print: (line?: string) => void,
  targets: boolean,
): Promise<void> {
  const db = database.db as Kysely<unknown>
  await migrateLedger(db)
  const people = Array.from({ length: ACCOUNTS }, (_, i) => person(i))
  for (const code of people) {
    await openAccount(db, code, { welcomeGrant: OPENING_BALANCE })
  }

  const spread = await measureTransfers(sqlTransfer(db), people)
  print(line(`${rate(ACCOUNTS)} accounts`, spread))
  const hot = await measureTransfers(
    sqlTransfer(db),
    people.slice(0, HOT_ACCOUNTS),
  )
  print(line(`${HOT_ACCOUNTS} hot accounts`, hot))

  if (targets) {
    print(
      `  targets: ${rate(ACCOUNTS)} accounts ≥ ` +
        `${rate(TARGET_SPREAD_PER_SECOND)}/s ` +
        `${met(spread.perSecond >= TARGET_SPREAD_PER_SECOND)}; ` +
        `${HOT_ACCOUNTS} hot ≥ ${rate(TARGET_HOT_PER_SECOND)}/s ` +
        `${met(hot.perSecond >= TARGET_HOT_PER_SECOND)}, p99 ≤ ` +
        `${TARGET_HOT_P99_MS} ms ${met(hot.p99Ms <= TARGET_HOT_P99_MS)}`,
    )
  }
  const problems = await ledgerProblems(db)
  print(
    problems.length === 0
      ? '  invariants hold after the load'
      : `  INVARIANTS BROKEN: ${problems.slice(0, 5).join('; ')}`,
  )
}

/**
 * The EstCoin ledger's SQL transfer alone, called in-process: the
 * baseline that the service and portal layers are compared with.
 */
export const ledgerSqlSection: BenchSection = {
  id: 'ledger-sql',
  title:
    `EstCoin ledger, SQL transfer (${CLIENTS} concurrent clients, ` +
    `${DURATION_MS / 1000} s each after ${WARM_UP_MS / 1000} s warm-up)`,
  async run({ print }) {
    print(
      'transfer() called in-process with random sender and recipient, ' +
        `1–100 cents, among ${rate(ACCOUNTS)} accounts, then among ` +
        `${HOT_ACCOUNTS}; each one statement that locks both accounts.`,
    )
    const postgres = await startPostgres()
    try {
      const database = await openDatabase({ url: postgres.url })
      print(
        `PostgreSQL (throw-away server, fsync off, pool of 10; ` +
          `${loadAverage()}):`,
      )
      try {
        await measureEngine(database, print, true)
      } finally {
        await database.close()
      }
    } finally {
      await clientsGone(postgres.url)
      await postgres.stop()
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-ledger-'))
    try {
      const database = await openDatabase({ dataDir })
      print(`PGlite (embedded, on disk; ${loadAverage()}):`)
      try {
        await measureEngine(database, print, false)
      } finally {
        await database.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
