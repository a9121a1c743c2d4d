import Fastify, { type FastifyInstance } from 'fastify'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromBase64 } from '../../common/checkpoint/base64.ts'
import { parseCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import { cosign } from '../../common/checkpoint/cosignature.ts'
import {
  generateSigner,
  SIGNATURE_TYPE,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import { parseNote, verifyNote } from '../../common/checkpoint/note.ts'
import { canonicalJsonBytes } from '../../common/canonicalJson.ts'
import { leafHash } from '../../common/merkle/hashes.ts'
import {
  verifyConsistency,
  verifyInclusion,
} from '../../common/merkle/verify.ts'
import { makePersonalCode } from '../../common/personalCode.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { UsageError } from './errors.ts'
import { buildUsageProvider } from './provider.ts'
import { usageRecorder } from './recorder.ts'
import { UsageLog } from './usageLog.ts'

const REGISTER = 'ee-dev/GOV/70008440/population'
const OTHER_REGISTER = 'ee-dev/GOV/70000349/tax'
const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const MARY = '60001019906'
const JOHN = makePersonalCode('1980-05-05', 'male', 12)
const NAMES = new Map([['ee-dev/GOV/70000001', 'Citizen Portal']])
const PROTOCOL_FIELDS = [
  'logtime',
  'action',
  'receiverCode',
  'receiverName',
  'receiverSystem',
]
const witness = generateSigner('sandbox-witness', SIGNATURE_TYPE.cosignatureV1)

interface UsagesAnswer {
  totalUsages: number
  usages: Record<string, string>[]
}

interface ProvenUsage {
  record: object
  leafIndex: number
  pending: boolean
  proof: string[] | null
  treeSize: number | null
}

/** A usage with only the Data Tracker protocol's own fields. */
const protocolFields = (usage: object) =>
  Object.fromEntries(
    Object.entries(usage).filter(([key]) => PROTOCOL_FIELDS.includes(key)),
  )

/** A register that records each lookup with the time it is told. */
function stubRegister(log: UsageLog, register: string) {
  let clock = new Date('2025-06-15T10:00:00Z')
  const record = usageRecorder({ log, register, now: () => clock })
  const app = Fastify()
  app.get('/people/:code', async (request) => {
    const { code } = request.params as { code: string }
    const { action } = request.query as { action?: string }
    await record(request, code, action ?? 'people.read')
    return { code }
  })
  app.setErrorHandler((error: Error, _request, reply) =>
    error instanceof UsageError
      ? reply.code(error.statusCode).send({ error: { code: error.code } })
      : reply.code(500).send({ error: { code: 'INTERNAL' } }),
  )
  return {
    app,
    /** Looks a person up at `at`, as a security server would pass it on. */
    async lookUp(
      code: string,
      at: string,
      headers: Record<string, string> = {},
      action?: string,
    ) {
      clock = new Date(at)
      const res = await app.inject({
        url: `/people/${code}${action ? `?action=${action}` : ''}`,
        headers: {
          'x-road-client': PORTAL,
          'x-road-id': `message-${at}`,
          'x-road-userid': `EE${MARY}`,
          'x-road-issue': 'PERSONAL_DATA_VIEW',
          'x-road-service': `${register}/people`,
          ...headers,
        },
      })
      expect(res.statusCode).toBe(200)
    },
  }
}

describe.each(testDatabases())('a register’s usage log on $name', (engine) => {
  let database: PortalDatabase
  let db: Kysely<unknown>
  let log: UsageLog
  let usage: FastifyInstance
  let register: ReturnType<typeof stubRegister>

  const findUsage = (query: string, userId: string | null = `EE${MARY}`) =>
    usage.inject({
      url: `/v2/findUsage${query}`,
      headers: userId === null ? {} : { 'x-road-userid': userId },
    })

  beforeAll(async () => {
    database = await engine.open()
    db = database.db as Kysely<unknown>
    await migrateUsageLog(db)
    log = await UsageLog.open(db, {
      origin: `${REGISTER} usage log`,
      witnesses: [verifierOf(witness)],
    })
    register = stubRegister(log, REGISTER)
    usage = buildUsageProvider({
      log,
      members: (member) => NAMES.get(member),
      now: () => new Date('2025-01-01T00:00:00Z'),
    })
  })

  afterAll(async () => {
    await register?.app.close()
    await usage?.close()
    await database?.close()
  })

  it('says the log is empty from now on before anything is recorded', async () => {
    const res = await usage.inject('/v2/usagePeriod')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ periodStart: '2025-01-01T00:00:00.000Z' })
  })

  it('records who asked, who they were, why, and the message id', async () => {
    await register.lookUp(MARY, '2025-06-15T10:00:00Z')
    const { total, records } = await log.findRecords({
      personalCode: MARY,
      offset: 0,
      limit: 10,
      now: new Date(),
    })
    expect(total).toBe(1)
    expect(records[0]?.index).toBe(0)
    expect(records[0]?.record).toEqual({
      who: {
        client: PORTAL,
        memberCode: '70000001',
        subsystem: 'citizen-portal',
        official: `EE${MARY}`,
      },
      whose: { personalCode: MARY },
      what: { register: REGISTER, dataset: 'people', action: 'people.read' },
      why: 'PERSONAL_DATA_VIEW',
      when: '2025-06-15T10:00:00.000Z',
      messageId: 'message-2025-06-15T10:00:00Z',
      salt: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
    })
  })

  it('refuses a request that did not come through a security server and records nothing', async () => {
    for (const headers of [
      {},
      { 'x-road-client': PORTAL },
      { 'x-road-client': 'not a client', 'x-road-id': 'm-1' },
    ]) {
      const res = await register.app.inject({
        url: `/people/${JOHN}`,
        headers,
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'XROAD_HEADERS_MISSING' } })
    }
    const { total } = await log.findRecords({
      personalCode: JOHN,
      offset: 0,
      limit: 10,
      now: new Date(),
    })
    expect(total).toBe(0)
    expect(await log.size()).toBe(1)
  })

  it('answers findUsage newest first with the protocol’s fields', async () => {
    await register.lookUp(MARY, '2025-06-16T09:30:00Z', {}, 'people.family')
    await register.lookUp(MARY, '2025-06-17T08:00:00Z', {
      'x-road-client': 'ee-dev/COM/12345678',
    })
    const res = await findUsage(`?userCode=${MARY}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json<UsagesAnswer>()
    // No witness has cosigned yet: every record is pending, with no proof.
    expect(body.usages.map((u) => [u.leafIndex, u.pending])).toEqual([
      [2, true],
      [1, true],
      [0, true],
    ])
    expect(body).not.toHaveProperty('checkpoint')
    expect({ ...body, usages: body.usages.map(protocolFields) }).toEqual({
      totalUsages: 3,
      usages: [
        {
          logtime: '2025-06-17T08:00:00.000Z',
          action: 'people.read',
          receiverCode: '12345678',
          receiverSystem: '12345678',
        },
        {
          logtime: '2025-06-16T09:30:00.000Z',
          action: 'people.family',
          receiverCode: '70000001',
          receiverName: 'Citizen Portal',
          receiverSystem: 'citizen-portal',
        },
        {
          logtime: '2025-06-15T10:00:00.000Z',
          action: 'people.read',
          receiverCode: '70000001',
          receiverName: 'Citizen Portal',
          receiverSystem: 'citizen-portal',
        },
      ],
    })
  })

  it('pages with offset and limit, counting every match', async () => {
    const page = async (query: string) => {
      const res = await findUsage(`?userCode=${MARY}${query}`)
      expect(res.statusCode).toBe(200)
      const body = res.json<UsagesAnswer>()
      return [body.totalUsages, body.usages.map((u) => u.logtime)]
    }
    expect(await page('&offset=0&limit=2')).toEqual([
      3,
      ['2025-06-17T08:00:00.000Z', '2025-06-16T09:30:00.000Z'],
    ])
    expect(await page('&offset=2&limit=2')).toEqual([
      3,
      ['2025-06-15T10:00:00.000Z'],
    ])
    expect(await page('&offset=3')).toEqual([3, []])
  })

  it('filters by period, both ends included, in any time zone', async () => {
    const times = async (query: string) => {
      const res = await findUsage(`?userCode=${MARY}${query}`)
      expect(res.statusCode).toBe(200)
      const body = res.json<UsagesAnswer>()
      return [body.totalUsages, body.usages.map((u) => u.logtime)]
    }
    expect(await times('&periodStart=2025-06-16T09:30:00Z')).toEqual([
      2,
      ['2025-06-17T08:00:00.000Z', '2025-06-16T09:30:00.000Z'],
    ])
    expect(await times('&periodEnd=2025-06-16T12:30:00%2B03:00')).toEqual([
      2,
      ['2025-06-16T09:30:00.000Z', '2025-06-15T10:00:00.000Z'],
    ])
    expect(
      await times(
        '&periodStart=2025-06-16T00:00:00Z&periodEnd=2025-06-16T23:59:59.999Z',
      ),
    ).toEqual([1, ['2025-06-16T09:30:00.000Z']])
    expect(await times('&periodStart=2026-01-01T00:00:00Z')).toEqual([0, []])
  })

  it('accepts the EE prefix on userCode', async () => {
    const res = await findUsage(`?userCode=EE${MARY}&limit=1`)
    expect(res.json<UsagesAnswer>().totalUsages).toBe(3)
  })

  it('shows none of it for another person or in another register', async () => {
    const john = await findUsage(`?userCode=${JOHN}`, `EE${JOHN}`)
    expect(john.statusCode).toBe(200)
    expect(john.json()).toEqual({ totalUsages: 0, usages: [] })

    // Nor may John ask for Mary's records, nor Mary for John's.
    for (const [code, asker] of [
      [MARY, JOHN],
      [JOHN, MARY],
    ]) {
      const res = await findUsage(`?userCode=${code}`, `EE${asker}`)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('NOT_YOUR_RECORDS')
    }

    const otherLog = await UsageLog.open(db, {
      origin: `${OTHER_REGISTER} usage log`,
    })
    const other = buildUsageProvider({ log: otherLog })
    try {
      const res = await other.inject({
        url: `/v2/findUsage?userCode=${MARY}`,
        headers: { 'x-road-userid': `EE${MARY}` },
      })
      expect(res.json()).toEqual({ totalUsages: 0, usages: [] })
    } finally {
      await other.close()
    }
  })

  it('refuses malformed queries with 400 and a stable code', async () => {
    const cases: [string, string][] = [
      ['', 'MISSING_USER_CODE'],
      ['?userCode=', 'MISSING_USER_CODE'],
      ['?userCode=38001085719', 'INVALID_USER_CODE'],
      ['?userCode=LV60001019906', 'INVALID_USER_CODE'],
      ['?userCode=abc', 'INVALID_USER_CODE'],
      [`?userCode=${MARY}&periodStart=2025-06-15`, 'INVALID_PERIOD'],
      [`?userCode=${MARY}&periodStart=2025-02-30T00:00:00Z`, 'INVALID_PERIOD'],
      [`?userCode=${MARY}&periodEnd=2025-06-15T10:00:00`, 'INVALID_PERIOD'],
      [`?userCode=${MARY}&periodStart=1718445600`, 'INVALID_PERIOD'],
      [
        `?userCode=${MARY}&periodStart=2025-06-16T00:00:00Z&periodEnd=2025-06-15T00:00:00Z`,
        'INVALID_PERIOD',
      ],
      [`?userCode=${MARY}&offset=-1`, 'INVALID_PAGING'],
      [`?userCode=${MARY}&offset=1.5`, 'INVALID_PAGING'],
      [`?userCode=${MARY}&limit=0`, 'INVALID_PAGING'],
      [`?userCode=${MARY}&limit=1001`, 'INVALID_PAGING'],
      [`?userCode=${MARY}&limit=99999999999`, 'INVALID_PAGING'],
      [`?userCode=${MARY}&sort=asc`, 'INVALID_PARAMETER'],
      [`?userCode=${MARY}&userCode=${JOHN}`, 'INVALID_PARAMETER'],
    ]
    for (const [query, code] of cases) {
      const res = await findUsage(query)
      expect([query, res.statusCode]).toEqual([query, 400])
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json()).toEqual({
        error: { code, message: expect.any(String) },
      })
    }
  })

  it('refuses a query without X-Road-UserId', async () => {
    const res = await findUsage(`?userCode=${MARY}`, null)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('MISSING_USER_ID')
  })

  it('answers JSON errors for other addresses and for non-JSON clients', async () => {
    const missing = await usage.inject('/v1/findUsage')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('NOT_FOUND')
    const html = await usage.inject({
      url: '/v2/heartbeat',
      headers: { accept: 'text/html' },
    })
    expect(html.statusCode).toBe(406)
    expect(html.json().error.code).toBe('NOT_ACCEPTABLE')
  })

  it('gives the oldest record as the start of its period', async () => {
    const res = await usage.inject('/v2/usagePeriod')
    expect(res.json()).toEqual({ periodStart: '2025-06-15T10:00:00.000Z' })
  })

  it('answers its heartbeat while the database does', async () => {
    const res = await usage.inject('/v2/heartbeat')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'OK', message: expect.any(String) })
  })

  it('describes its endpoints in OpenAPI 3', async () => {
    const res = await usage.inject('/openapi.json')
    const description = res.json<{ openapi: string; paths: object }>()
    expect(description.openapi).toMatch(/^3\./)
    expect(Object.keys(description.paths)).toEqual([
      '/v2/findUsage',
      '/v2/usagePeriod',
      '/v2/heartbeat',
      '/checkpoint',
      '/checkpoint/{size}',
      '/consistency',
    ])
  })

  it('refuses to update, delete or truncate usage records', async () => {
    for (const statement of [
      sql`UPDATE usage_log_record SET record = '{}'`,
      sql`DELETE FROM usage_log_node`,
      sql`TRUNCATE usage_log_record`,
    ]) {
      await expect(statement.execute(db)).rejects.toThrow(/append-only/)
    }
    const res = await findUsage(`?userCode=${MARY}`)
    expect(res.json<UsagesAnswer>().usages.map((u) => u.action)).toEqual([
      'people.read',
      'people.family',
      'people.read',
    ])
  })

  it('serves its signed checkpoints as text, with their cosignatures', async () => {
    const latest = await usage.inject('/checkpoint')
    expect(latest.statusCode).toBe(200)
    expect(latest.headers['content-type']).toBe('text/plain; charset=utf-8')
    const text = verifyNote(latest.body, log.verifier)
    const checkpoint = parseCheckpoint(text)
    expect(checkpoint).toMatchObject({
      origin: `${REGISTER} usage log`,
      size: 3,
    })

    const line = cosign(text, witness, 1_750_000_000)
    await log.addCosignature(3, line)
    const cosigned = await usage.inject({
      url: '/checkpoint/3',
      headers: { accept: 'text/plain' },
    })
    expect(cosigned.body).toBe(`${latest.body}${line}\n`)
    expect(parseNote(cosigned.body).signatures).toHaveLength(2)

    for (const [url, status, code] of [
      ['/checkpoint/4', 404, 'NO_CHECKPOINT'],
      ['/checkpoint/0', 404, 'NO_CHECKPOINT'],
      ['/checkpoint/-1', 400, 'INVALID_SIZE'],
      ['/checkpoint/01', 400, 'INVALID_SIZE'],
      ['/checkpoint/99999999999999999999', 400, 'INVALID_SIZE'],
    ] as const) {
      const res = await usage.inject(url)
      expect([url, res.statusCode]).toEqual([url, status])
      expect(res.json().error.code).toBe(code)
    }
    const json = await usage.inject({
      url: '/checkpoint',
      headers: { accept: 'application/json' },
    })
    expect(json.statusCode).toBe(406)
  })

  it('proves each usage against the latest witnessed checkpoint; newer ones are pending', async () => {
    await register.lookUp(MARY, '2025-06-18T08:00:00Z')
    const res = await findUsage(`?userCode=${MARY}`)
    const body = res.json<{
      usages: ProvenUsage[]
      checkpoint: { size: number; note: string }
    }>()
    expect(body.checkpoint.size).toBe(3)
    const text = verifyNote(body.checkpoint.note, log.verifier)
    const { rootHash, size } = parseCheckpoint(text)
    expect(body.usages.map((u) => [u.leafIndex, u.pending])).toEqual([
      [3, true],
      [2, false],
      [1, false],
      [0, false],
    ])
    expect(body.usages[0]).toMatchObject({ proof: null, treeSize: null })
    for (const usage of body.usages.slice(1)) {
      // What the citizen's browser does: rehash the record, walk the proof.
      expect(usage.treeSize).toBe(size)
      const leaf = leafHash(canonicalJsonBytes(usage.record))
      const proof = usage.proof!.map(fromBase64)
      verifyInclusion(usage.leafIndex, size, leaf, proof, rootHash)
      const forged = leafHash(
        canonicalJsonBytes({ ...usage.record, why: 'something else' }),
      )
      expect(() =>
        verifyInclusion(usage.leafIndex, size, forged, proof, rootHash),
      ).toThrow()
    }
  })

  it('proves that each checkpoint extends an earlier one', async () => {
    const note = (await usage.inject('/checkpoint')).body
    const later = parseCheckpoint(verifyNote(note, log.verifier))
    const earlier = parseCheckpoint(
      verifyNote((await usage.inject('/checkpoint/3')).body, log.verifier),
    )
    const res = await usage.inject(`/consistency?from=3&to=${later.size}`)
    expect(res.statusCode).toBe(200)
    const body = res.json<{ from: number; to: number; proof: string[] }>()
    expect(body).toMatchObject({ from: 3, to: later.size })
    verifyConsistency(
      3,
      later.size,
      body.proof.map(fromBase64),
      earlier.rootHash,
      later.rootHash,
    )
    for (const [query, status, code] of [
      ['?from=3', 400, 'INVALID_PARAMETER'],
      ['?from=3&to=4&to=4', 400, 'INVALID_PARAMETER'],
      ['?from=3&to=4&x=1', 400, 'INVALID_PARAMETER'],
      ['?from=5&to=4', 400, 'INVALID_SIZE'],
      ['?from=a&to=4', 400, 'INVALID_SIZE'],
      ['?from=1&to=400', 404, 'BEYOND_LOG'],
    ] as const) {
      const bad = await usage.inject(`/consistency${query}`)
      expect([query, bad.statusCode]).toEqual([query, status])
      expect(bad.json().error.code).toBe(code)
    }
  })

  it('serves a record rewritten behind the log’s back with a proof that fails', async () => {
    // Only someone who can switch the database's refusal off can do this.
    await sql`ALTER TABLE usage_log_record DISABLE TRIGGER USER`.execute(db)
    try {
      await sql`
        UPDATE usage_log_record
        SET record = replace(record, '"why":"PERSONAL_DATA_VIEW"', '"why":"AUDIT"')
        WHERE log_id = ${log.id} AND idx = 1
      `.execute(db)
    } finally {
      await sql`ALTER TABLE usage_log_record ENABLE TRIGGER USER`.execute(db)
    }
    const body = (await findUsage(`?userCode=${MARY}`)).json<{
      usages: ProvenUsage[]
      checkpoint: { size: number; note: string }
    }>()
    const { rootHash, size } = parseCheckpoint(
      verifyNote(body.checkpoint.note, log.verifier),
    )
    const verifies = (usage: ProvenUsage) => {
      try {
        verifyInclusion(
          usage.leafIndex,
          size,
          leafHash(canonicalJsonBytes(usage.record)),
          usage.proof!.map(fromBase64),
          rootHash,
        )
        return true
      } catch {
        return false
      }
    }
    const proven = body.usages.filter((u) => !u.pending)
    expect(proven.map((u) => [u.leafIndex, verifies(u)])).toEqual([
      [2, true],
      [1, false],
      [0, true],
    ])
  })
})
