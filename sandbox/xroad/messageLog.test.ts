import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateSandbox } from '../db/migrate.ts'
import {
  GENESIS_HASH,
  MessageLog,
  messageLogServers,
  verifyMessageLog,
  type MessageLogEntry,
} from './messageLog.ts'

function entry(n: number, extra: Partial<MessageLogEntry> = {}) {
  return {
    xRoadId: `message-${n}`,
    requestId: `request-${n}`,
    client: 'ee-dev/GOV/70000001/citizen-portal',
    service: 'ee-dev/GOV/70008440/population/persons',
    method: 'GET',
    path: `/persons/60001019906/n${n}`,
    outcome: 'forwarded',
    requestHash: 'aGFzaA==',
    responseStatus: 200,
    faultType: null,
    ...extra,
  } satisfies MessageLogEntry
}

/** Runs SQL on the log as its owner would, past the append-only trigger. */
async function tamper(db: Kysely<unknown>, statements: string) {
  await sql
    .raw('ALTER TABLE sandbox_xroad_log DISABLE TRIGGER USER')
    .execute(db)
  try {
    for (const statement of statements.split(';')) {
      await sql.raw(statement).execute(db)
    }
  } finally {
    await sql
      .raw('ALTER TABLE sandbox_xroad_log ENABLE TRIGGER USER')
      .execute(db)
  }
}

describe.each(testDatabases())('the message log on $name', (engine) => {
  let database: PortalDatabase
  let db: Kysely<unknown>

  beforeAll(async () => {
    database = await engine.open()
    db = database.db as Kysely<unknown>
    await migrateSandbox(db)
  })

  afterAll(async () => {
    await database?.close()
  })

  it('chains each record to the one before it, starting from zeros', async () => {
    const log = new MessageLog(db, 'chain')
    const first = await log.append(entry(1))
    const second = await log.append(entry(2, { faultType: 'Client.X' }))
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH })
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash })
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(await log.records()).toEqual([first, second])
    expect(await verifyMessageLog(db, 'chain')).toEqual({
      server: 'chain',
      ok: true,
      records: 2,
      headHash: second.hash,
    })
  })

  it('hashes the canonical JSON of the fields and the previous hash', async () => {
    const record = await new MessageLog(db, 'format').append(entry(1))
    const canonical =
      `{"client":"ee-dev/GOV/70000001/citizen-portal","faultType":null,` +
      `"loggedAt":"${record.loggedAt}","method":"GET","outcome":"forwarded",` +
      `"path":"/persons/***/n1","prevHash":"${GENESIS_HASH}",` +
      `"requestHash":"aGFzaA==","requestId":"request-1",` +
      `"responseStatus":200,"server":"format",` +
      `"service":"ee-dev/GOV/70008440/population/persons","version":1,` +
      `"xRoadId":"message-1"}`
    expect(record.hash).toBe(
      createHash('sha256').update(canonical).digest('hex'),
    )
  })

  it('keeps the chain whole when many requests append at once', async () => {
    const log = new MessageLog(db, 'concurrent')
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => log.append(entry(i))),
    )
    const records = await log.records()
    expect(records.map((r) => r.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
    expect(await verifyMessageLog(db, 'concurrent')).toMatchObject({
      ok: true,
      records: 40,
    })
  })

  it('refuses to update or delete a record', async () => {
    await new MessageLog(db, 'locked').append(entry(1))
    await expect(
      sql`UPDATE sandbox_xroad_log SET response_status = 500 WHERE server = 'locked'`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`DELETE FROM sandbox_xroad_log WHERE server = 'locked'`.execute(db),
    ).rejects.toThrow(/append-only/)
    expect(await verifyMessageLog(db, 'locked')).toMatchObject({ ok: true })
  })

  async function chainOf(server: string, count: number) {
    const log = new MessageLog(db, server)
    for (let i = 1; i <= count; i++) await log.append(entry(i))
    expect(await verifyMessageLog(db, server)).toMatchObject({ ok: true })
  }

  it('finds the first record changed with SQL', async () => {
    await chainOf('changed', 5)
    await tamper(
      db,
      `UPDATE sandbox_xroad_log SET response_status = 403
       WHERE server = 'changed' AND seq = 3`,
    )
    expect(await verifyMessageLog(db, 'changed')).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'changed',
    })
  })

  it('finds a record removed from the middle or the end', async () => {
    await chainOf('removed', 5)
    await tamper(
      db,
      `DELETE FROM sandbox_xroad_log WHERE server = 'removed' AND seq = 2`,
    )
    expect(await verifyMessageLog(db, 'removed')).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'removed',
    })

    await chainOf('truncated', 4)
    await tamper(
      db,
      `DELETE FROM sandbox_xroad_log WHERE server = 'truncated' AND seq = 4`,
    )
    expect(await verifyMessageLog(db, 'truncated')).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'removed',
    })
  })

  it('finds a record removed and the rest renumbered', async () => {
    await chainOf('renumbered', 4)
    await tamper(
      db,
      `DELETE FROM sandbox_xroad_log WHERE server = 'renumbered' AND seq = 2;
       UPDATE sandbox_xroad_log SET seq = -seq
       WHERE server = 'renumbered' AND seq > 2;
       UPDATE sandbox_xroad_log SET seq = -seq - 1
       WHERE server = 'renumbered' AND seq < 0`,
    )
    expect(await verifyMessageLog(db, 'renumbered')).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'removed',
    })
  })

  it('finds two records swapped', async () => {
    await chainOf('reordered', 5)
    await tamper(
      db,
      `UPDATE sandbox_xroad_log SET seq = -1
       WHERE server = 'reordered' AND seq = 3;
       UPDATE sandbox_xroad_log SET seq = 3
       WHERE server = 'reordered' AND seq = 4;
       UPDATE sandbox_xroad_log SET seq = 4
       WHERE server = 'reordered' AND seq = -1`,
    )
    expect(await verifyMessageLog(db, 'reordered')).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'reordered',
    })
  })

  it('keeps one chain per server and lists the servers', async () => {
    expect(await messageLogServers(db)).toEqual(
      expect.arrayContaining(['chain', 'concurrent', 'changed']),
    )
    expect(await verifyMessageLog(db, 'nobody')).toEqual({
      server: 'nobody',
      ok: true,
      records: 0,
      headHash: GENESIS_HASH,
    })
  })
})
