import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import { verifyNote } from '../../common/checkpoint/note.ts'
import { leafHash } from '../../common/merkle/hashes.ts'
import { ReferenceTree } from '../../common/merkle/referenceTree.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { tables } from './tables.ts'
import { UsageLog } from './usageLog.ts'
import { entry } from './usageLogTestKit.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta crash usage log'
const APPENDER = fileURLToPath(new URL('./appendUnderLoad.ts', import.meta.url))
/** Acknowledgements to wait for before the kill: several batches' worth. */
const ACKS_BEFORE_KILL = 400

/**
 * Runs the appender, kills it with SIGKILL once it has acknowledged
 * enough records, and returns every acknowledgement it printed.
 */
async function appendAndKill(url: string): Promise<Map<number, string>> {
  // Node itself, with tsx as a loader: the killed process is the appender
  // (the tsx command would run it in a child of its own).
  const child = spawn(process.execPath, ['--import', 'tsx', APPENDER], {
    env: { ...process.env, USAGE_LOG_DB: url, USAGE_LOG_ORIGIN: ORIGIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const acked = new Map<number, string>()
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  )
  for await (const line of createInterface({ input: child.stdout })) {
    const [word, index, messageId] = line.split(' ')
    if (word !== 'ack') continue
    acked.set(Number(index), messageId!)
    if (acked.size === ACKS_BEFORE_KILL) child.kill('SIGKILL')
  }
  expect(await exited, errors).toBe('SIGKILL')
  return acked
}

// PostgreSQL only (crash safety is promised there); a quick local run with
// TEST_POSTGRES=off has no such engine, and the file then has nothing to run.
const postgres = testDatabases().filter((e) => e.name === 'postgres')
describe
  .skipIf(postgres.length === 0)
  .each(postgres.length > 0 ? postgres : testDatabases())(
  'a usage log process killed mid-batch on $name',
  (engine) => {
    let database: PortalDatabase & { url?: string }
    let db: Kysely<unknown>

    beforeAll(async () => {
      database = await engine.open()
      db = database.db as Kysely<unknown>
      await migrateUsageLog(db)
    })

    afterAll(async () => {
      await database?.close()
    })

    it(
      'loses no acknowledged record, and the next root is the stored leaves’',
      {
        timeout: 120_000,
      },
      async () => {
        const acked = await appendAndKill(database.url!)
        expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL)

        const log = await UsageLog.open(db, { origin: ORIGIN })
        const rows = await tables(db)
          .selectFrom('usage_log_record')
          .select(['idx', 'record'])
          .where('log_id', '=', log.id)
          .execute()
        const stored = new Map(
          rows.map((r) => [Number(r.idx), JSON.parse(r.record).messageId]),
        )
        for (const [index, messageId] of acked) {
          expect(stored.get(index), `record ${index}`).toBe(messageId)
        }
        // Whole batches only: every stored leaf has its record, and no gap.
        const size = await log.size()
        expect(stored.size).toBe(size)
        expect(size).toBeGreaterThanOrEqual(acked.size)

        const next = await log.append(entry(0, { messageId: 'after-restart' }))
        expect(next.index).toBe(size)
        const leafRows = await tables(db)
          .selectFrom('usage_log_node')
          .select('hash')
          .where('log_id', '=', log.id)
          .where('level', '=', 0)
          .orderBy('idx')
          .execute()
        const leaves = leafRows.map((r) => new Uint8Array(r.hash))
        expect(leaves).toHaveLength(size + 1)
        const bodies = await tables(db)
          .selectFrom('usage_log_record')
          .select('record')
          .where('log_id', '=', log.id)
          .orderBy('idx')
          .execute()
        bodies.forEach((b, i) =>
          expect(leafHash(new TextEncoder().encode(b.record))).toEqual(
            leaves[i],
          ),
        )
        const latest = (await log.latestCheckpoint())!
        const checkpoint = parseCheckpoint(
          verifyNote(latest.note, log.verifier),
        )
        expect(checkpoint.size).toBe(size + 1)
        expect(checkpoint.rootHash).toEqual(new ReferenceTree(leaves).root())
      },
    )
  },
)
