import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { createPostgresDatabase } from '../../tests/support/databases.ts'
import { findTransfer } from './postTransfer.ts'
import { migrateLedger } from './db/migrate.ts'
import { ledgerProblems } from './invariants.ts'
import { fund, person } from './ledgerTestKit.ts'
import { transfer, type TransferRequest } from './transfer.ts'

const LOAD = fileURLToPath(new URL('./crashLoad.ts', import.meta.url))
const PEOPLE = Array.from({ length: 20 }, (_, i) => person(300 + i))
/** Acknowledgements to wait for before the kill, so it lands mid-load. */
const ACKS_BEFORE_KILL = 300

/** Runs the load until `acks` transfers are acknowledged, then SIGKILLs it. */
async function loadAndKill(url: string, acks: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', LOAD, url, PEOPLE.join(',')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const acknowledged: TransferRequest[] = []
  let stderr = ''
  let partial = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        acknowledged.push(JSON.parse(line.slice(3)) as TransferRequest)
      }
      if (acknowledged.length >= acks) resolve()
    })
    void exited.then(() => reject(new Error(`The load stopped: ${stderr}`)))
  })
  child.kill('SIGKILL')
  return { acknowledged, how: await exited }
}

describe.runIf(inject('postgresUrl'))(
  'ledger killed mid-load on postgres',
  () => {
    let database: PortalDatabase
    let db: Kysely<unknown>
    let url: string

    beforeAll(async () => {
      url = await createPostgresDatabase(inject('postgresUrl'))
      database = await openDatabase({ url })
      db = database.db as Kysely<unknown>
      await migrateLedger(db)
      for (const p of PEOPLE) await fund(db, p, 5_000)
    })
    afterAll(() => database?.close())

    it('loses no acknowledged transfer to kill -9 and keeps the invariants', async () => {
      const { acknowledged, how } = await loadAndKill(url, ACKS_BEFORE_KILL)
      expect(how).toBe('SIGKILL')

      for (const request of acknowledged) {
        expect(await findTransfer(db, request.id)).toMatchObject(request)
      }
      const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM estcoin_transfers
      WHERE description = 'crash load'
    `.execute(db)
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(acknowledged.length)
      expect(await ledgerProblems(db)).toEqual([])

      // After the restart: a retry finds its transfer, and no lock is left.
      const retry = await transfer(db, acknowledged[0] as TransferRequest)
      expect(retry.created).toBe(false)
      const fresh = await transfer(db, {
        id: randomUUID(),
        from: PEOPLE[0],
        to: PEOPLE[1],
        amount: 1,
        description: 'after the crash',
      })
      expect(fresh.created).toBe(true)
      expect(await ledgerProblems(db)).toEqual([])
    })
  },
)
