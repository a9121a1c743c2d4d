/**
 * The usage log's figures: appends/s and commit latency with 64
 * concurrent writers through the batching sequencer, beside the baseline
 * of one transaction per record measured in the same run; and inclusion
 * and consistency proof latency in a log of 1,000,000 leaves (seeded by
 * bulk insert in SQL). On a throw-away PostgreSQL and on PGlite.
 */
import { availableParallelism, loadavg } from 'node:os'
import { sql, type Kysely } from 'kysely'
import { leafHash } from '../../common/merkle/hashes.ts'
import {
  verifyConsistency,
  verifyInclusion,
} from '../../common/merkle/verify.ts'
import { migrateUsageLog } from '../../providers/usage-log/db/migrate.ts'
import { rangeHashes } from '../../providers/usage-log/nodes.ts'
import { UsageLog } from '../../providers/usage-log/usageLog.ts'
import { entry } from '../../providers/usage-log/usageLogTestKit.ts'
import { openDatabase } from '../../server/db/database.ts'
import { startPostgres } from '../../tests/support/postgresServer.ts'
import type { BenchSection } from './context.ts'
import { clientsGone } from './moduleCalls.ts'

const WRITERS = 64
const APPEND_MS = 5_000
const PROOF_LEAVES = 1_000_000
const PROOF_SAMPLES = 1_000
const PAGE_SIZE = 1_000
const PAGE_SAMPLES = 20
const TARGET_APPENDS = 5_000
const TARGET_APPEND_P99_MS = 50
const TARGET_PROOF_P99_MS = 20

const loadAverage = () =>
  `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const at = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  )
  return sorted[Math.max(0, at)]!
}

interface Figures {
  perSecond: number
  p50Ms: number
  p99Ms: number
  count: number
}

/** `WRITERS` loops appending for `APPEND_MS`; every commit's latency. */
async function appendLoad(log: UsageLog): Promise<Figures> {
  const latencies: number[] = []
  let n = 0
  const started = performance.now()
  const deadline = started + APPEND_MS
  const writer = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now()
      await log.append(entry(n++))
      latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: WRITERS }, writer))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    count: latencies.length,
  }
}

/**
 * Fills a new log with `size` leaves, SHA-256(0x00 ‖ "leaf i"), and every
 * perfect subtree above them, level by level in SQL: a fixture for proof
 * timings, built without a million appends.
 */
async function seedTree(db: Kysely<unknown>, logId: number, size: number) {
  await sql`
    INSERT INTO usage_log_node (log_id, level, idx, hash)
    SELECT ${logId}, 0, i,
           sha256('\\x00'::bytea || convert_to('leaf ' || i, 'UTF8'))
    FROM generate_series(0, ${size - 1}::bigint) AS i
  `.execute(db)
  for (let level = 1; 2 ** level <= size; level++) {
    await sql`
      INSERT INTO usage_log_node (log_id, level, idx, hash)
      SELECT a.log_id, ${level}, a.idx / 2,
             sha256('\\x01'::bytea || a.hash || b.hash)
      FROM usage_log_node a
      JOIN usage_log_node b
        ON b.log_id = a.log_id AND b.level = a.level AND b.idx = a.idx + 1
      WHERE a.log_id = ${logId} AND a.level = ${level - 1} AND a.idx % 2 = 0
    `.execute(db)
  }
  // What autovacuum would soon do after such a bulk load.
  await sql`ANALYZE usage_log_node`.execute(db)
}

const leafOf = (i: number) => leafHash(new TextEncoder().encode(`leaf ${i}`))

/** Timings of `samples` calls of `call`, sorted. */
async function timed(samples: number, call: (i: number) => Promise<void>) {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    await call(i)
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)
}

const ms = (value: number) => `${value.toFixed(2)} ms`
const met = (ok: boolean) => (ok ? '(met)' : '(NOT met)')

async function measure(
  db: Kysely<unknown>,
  print: (line?: string) => void,
  withTargets: boolean,
): Promise<void> {
  await migrateUsageLog(db)
  const line = (name: string, f: Figures) =>
    `  ${name.padEnd(28)} ${f.perSecond.toFixed(0).padStart(7)} appends/s  ` +
    `p50 ${ms(f.p50Ms).padStart(9)}  p99 ${ms(f.p99Ms).padStart(9)}  (${f.count})`

  const baseline = await appendLoad(
    await UsageLog.open(db, {
      origin: 'bench baseline usage log',
      maxBatch: 1,
    }),
  )
  const batched = await appendLoad(
    await UsageLog.open(db, { origin: 'bench batched usage log' }),
  )
  print(line('batched (group commit)', batched))
  print(line('baseline (1 record per tx)', baseline))
  print(
    `  batched/baseline: ${(batched.perSecond / baseline.perSecond).toFixed(1)}×`,
  )
  if (withTargets) {
    print(
      `  targets: ≥ ${TARGET_APPENDS} appends/s ` +
        `${met(batched.perSecond >= TARGET_APPENDS)}, p99 ≤ ` +
        `${TARGET_APPEND_P99_MS} ms ${met(batched.p99Ms <= TARGET_APPEND_P99_MS)}`,
    )
  }

  const log = await UsageLog.open(db, { origin: 'bench proofs usage log' })
  const seeding = performance.now()
  await seedTree(db, log.id, PROOF_LEAVES)
  print(
    `  seeded ${PROOF_LEAVES.toLocaleString('en')} leaves and their subtrees ` +
      `in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  )
  const [root] = await rangeHashes(db, log.id, [
    { start: 0, end: PROOF_LEAVES },
  ])
  // Spread samples over the whole tree, the same each run.
  const index = (i: number) => (i * 7919 * 127) % PROOF_LEAVES
  const inclusion = await timed(PROOF_SAMPLES, async (i) => {
    const proof = await log.inclusionProof(index(i), PROOF_LEAVES)
    if (i % 100 === 0) {
      verifyInclusion(index(i), PROOF_LEAVES, leafOf(index(i)), proof, root!)
    }
  })
  const earlier = (i: number) => 1 + (index(i) % (PROOF_LEAVES - 1))
  const consistency = await timed(PROOF_SAMPLES, async (i) => {
    const proof = await log.consistencyProof(earlier(i), PROOF_LEAVES)
    if (i % 100 === 0) {
      const [old] = await rangeHashes(db, log.id, [
        { start: 0, end: earlier(i) },
      ])
      verifyConsistency(earlier(i), PROOF_LEAVES, proof, old!, root!)
    }
  })
  // A findUsage page of the most records it carries, each with its proof.
  const pages = await timed(PAGE_SAMPLES, async (i) => {
    const indexes = Array.from({ length: PAGE_SIZE }, (_, j) =>
      index(i * PAGE_SIZE + j),
    )
    await log.inclusionProofs(indexes, PROOF_LEAVES)
  })
  for (const [name, times] of [
    ['inclusion proof', inclusion],
    ['consistency proof', consistency],
  ] as const) {
    const p99 = percentile(times, 99)
    print(
      `  ${name.padEnd(18)} at 1M leaves: p50 ${ms(percentile(times, 50))}  ` +
        `p99 ${ms(p99)}` +
        (withTargets
          ? `  target p99 ≤ ${TARGET_PROOF_P99_MS} ms ${met(p99 <= TARGET_PROOF_P99_MS)}`
          : ''),
    )
  }
  print(
    `  ${PAGE_SIZE} proofs (a findUsage page) at 1M leaves: ` +
      `p50 ${ms(percentile(pages, 50))}  p99 ${ms(percentile(pages, 99))}`,
  )
}

export const usageLogSection: BenchSection = {
  id: 'usage-log',
  title:
    `Usage log (${WRITERS} concurrent writers for ${APPEND_MS / 1000} s; ` +
    `${PROOF_SAMPLES} proofs at ${PROOF_LEAVES.toLocaleString('en')} leaves)`,
  async run({ print }) {
    const postgres = await startPostgres()
    try {
      print(`PostgreSQL (throw-away server, fsync off; ${loadAverage()}):`)
      const database = await openDatabase({ url: postgres.url })
      try {
        await measure(database.db as Kysely<unknown>, print, true)
      } finally {
        await database.close()
        await clientsGone(postgres.url)
      }
    } finally {
      await postgres.stop()
    }
    print(`PGlite (embedded, in memory; ${loadAverage()}):`)
    const database = await openDatabase({ memory: true })
    try {
      await measure(database.db as Kysely<unknown>, print, false)
    } finally {
      await database.close()
    }
  },
}
