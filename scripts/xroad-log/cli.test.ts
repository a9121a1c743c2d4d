import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { migrateSandbox } from '../../sandbox/db/migrate.ts'
import { MessageLog } from '../../sandbox/xroad/messageLog.ts'
import { runXRoadLog } from './cli.ts'

let dataDir: string

async function run(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runXRoadLog(
    args,
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    {},
  )
  return { code, out: out.join(''), err: err.join('') }
}

async function withDatabase(use: (db: Kysely<unknown>) => Promise<void>) {
  const database = await openDatabase({ dataDir })
  try {
    await use(database.db as Kysely<unknown>)
  } finally {
    await database.close()
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'xroad-log-'))
  await withDatabase(async (db) => {
    await migrateSandbox(db)
    for (const server of ['ee-dev', 'FI-TEST']) {
      const log = new MessageLog(db, server)
      for (let i = 1; i <= 3; i++) {
        await log.append({
          xRoadId: `m-${i}`,
          requestId: `r-${i}`,
          client: 'ee-dev/GOV/70000001/citizen-portal',
          service: null,
          method: 'GET',
          path: '/listClients',
          outcome: 'answered',
          requestHash: null,
          responseStatus: 200,
          faultType: null,
        })
      }
    }
  })
})

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

describe('xroad-log verify', () => {
  it('reports every intact chain and exits 0', async () => {
    const result = await run('verify', '--data-dir', dataDir)
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/^FI-TEST: 3 record\(s\), chain intact/m)
    expect(result.out).toMatch(/^ee-dev: 3 record\(s\), chain intact/m)
  })

  it('names the first changed record and exits 1', async () => {
    await withDatabase(async (db) => {
      await sql`ALTER TABLE sandbox_xroad_log DISABLE TRIGGER USER`.execute(db)
      await sql`UPDATE sandbox_xroad_log SET method = 'DELETE'
        WHERE server = 'ee-dev' AND seq = 2`.execute(db)
      await sql`ALTER TABLE sandbox_xroad_log ENABLE TRIGGER USER`.execute(db)
    })
    const result = await run('verify', '--data-dir', dataDir)
    expect(result.code).toBe(1)
    expect(result.err).toContain('ee-dev: record 2 was changed')
    expect(result.out).toContain('FI-TEST: 3 record(s), chain intact')

    const fi = await run('verify', '--data-dir', dataDir, '--server', 'FI-TEST')
    expect(fi.code).toBe(0)
  })

  it('explains its usage and exits 2 on unknown arguments', async () => {
    for (const args of [
      [],
      ['check'],
      ['verify', '--data-dir'],
      ['verify', '--data-dir', 'a', '--database-url', 'b'],
      ['verify', '--colour', 'red'],
    ]) {
      const result = await run(...args)
      expect(result.code).toBe(2)
      expect(result.err).toContain('Usage:')
    }
  })

  it('says so when the database has no message log', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'xroad-log-empty-'))
    try {
      const result = await run('verify', '--data-dir', empty)
      expect(result.code).toBe(1)
      expect(result.err).toContain('no X-Road message log')
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
