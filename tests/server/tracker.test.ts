import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadModule } from '../../server/catalog/discover.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import type { Database } from '../../server/db/schema.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { sessionCookieName } from '../../server/session/sessionPlugin.ts'
import { SessionStore } from '../../server/session/sessionStore.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import { startSandbox, type Sandbox } from '../../sandbox/start.ts'
import { testDatabases } from '../support/databases.ts'
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'

const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const POLICE = 'ee-dev/GOV/70008747/menetlus'
const POPULATION = 'ee-dev/GOV/70008440/population/persons'
const MARY = '60001019906'
const OTHER = '60001017869'
/** The sandbox operators' step: short, so a test sees a request settle. */
const OPERATOR_MS = 300

interface TrackerAnswer {
  from: string
  to: string
  registers: { register: string; state: string; error?: { code: string } }[]
  usages: {
    register: string
    logtime: string
    action: string
    receiverCode: string
    receiverSystem: string
    byPortal: boolean
  }[]
}

describe.each(testDatabases())('the Data Tracker on $name', (engine) => {
  let database: PortalDatabase
  let sandbox: Sandbox
  let app: FastifyInstance
  const sessions = new Map<string, Record<string, string>>()

  /** A police query about `code` through the sandbox's security server. */
  const policeReads = async (code: string, caseId: string) => {
    const res = await fetch(`${sandbox.xroadEeUrl}/r1/${POPULATION}/${code}`, {
      headers: {
        'X-Road-Client': POLICE,
        'X-Road-UserId': 'EE38001085718',
        'X-Road-Issue': `misdemeanour-proceedings:${caseId}`,
      },
    })
    expect(res.status).toBe(200)
  }

  const usagesOf = (code: string, query = '') =>
    app.inject({
      url: `/api/tracker/usages${query}`,
      cookies: sessions.get(code),
    })

  beforeAll(async () => {
    database = await engine.open()
    await migrateToLatest(database.db)
    const log = pino({ level: 'silent' })
    const personalData = await loadModule(
      new URL('../../services-catalog/personal-data', import.meta.url).pathname,
    )
    sandbox = await startSandbox({
      db: database.db as Kysely<unknown>,
      ports: { xroadEe: 0, xroadFi: 0 },
      modules: [personalData],
      portalClient: PORTAL,
      log,
      explanationDelayMs: OPERATOR_MS,
    })
    app = await testApp(database.db as Kysely<Database>, {
      gateway: createGateway({
        securityServerUrl: sandbox.xroadEeUrl,
        client: PORTAL,
        log,
      }),
      modules: [personalData],
      tracker: { registers: sandbox.findUsageServices, portalClient: PORTAL },
    })
    const store = new SessionStore(database.db as Kysely<Database>)
    for (const personalCode of [MARY, OTHER]) {
      const { id } = await store.create({
        personalCode,
        givenName: 'TEST',
        familyName: 'PERSON',
        method: 'mobile-id',
        assurance: 'high',
      })
      sessions.set(personalCode, { [sessionCookieName(false)]: id })
    }
    await policeReads(MARY, '1')
    await policeReads(MARY, '2')
    await policeReads(OTHER, '3')
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await sandbox?.close()
    await database?.close()
  })

  it('needs a signed-in citizen', async () => {
    const res = await app.inject({ url: '/api/tracker/usages' })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('SIGN_IN_REQUIRED')
  })

  it('shows the citizen every register’s uses of their data, newest first', async () => {
    const res = await usagesOf(MARY)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json<TrackerAnswer>()
    expect(body.registers.map((r) => r.register)).toEqual(
      sandbox.findUsageServices,
    )
    expect(body.registers.every((r) => r.state === 'ok')).toBe(true)
    const police = body.usages.filter((u) => u.receiverCode === '70008747')
    expect(police).toHaveLength(2)
    expect(police[0]).toMatchObject({
      register: 'ee-dev/GOV/70008440/population/findUsage',
      receiverSystem: 'menetlus',
      byPortal: false,
    })
    const times = body.usages.map((u) => u.logtime)
    expect(times).toEqual([...times].sort().reverse())
  })

  it('never shows one citizen another’s records', async () => {
    const other = (await usagesOf(OTHER)).json<TrackerAnswer>()
    expect(
      other.usages.filter((u) => u.receiverCode === '70008747'),
    ).toHaveLength(1)
    // Whatever the request adds, the session decides whose records come back.
    const res = await app.inject({
      url: `/api/tracker/usages?userCode=${MARY}`,
      cookies: sessions.get(OTHER),
    })
    expect(res.statusCode).toBe(200)
    const police = res
      .json<TrackerAnswer>()
      .usages.filter((u) => u.receiverCode === '70008747')
    expect(police).toHaveLength(1)
  })

  it('marks the portal’s own reads as the citizen’s', async () => {
    const before = (await usagesOf(MARY)).json<TrackerAnswer>()
    const read = await app.inject({
      url: '/api/services/personal-data/person',
      cookies: sessions.get(MARY),
    })
    expect(read.statusCode).toBe(200)
    const body = (await usagesOf(MARY)).json<TrackerAnswer>()
    const own = body.usages.filter((u) => u.byPortal)
    expect(own.length).toBeGreaterThan(
      before.usages.filter((u) => u.byPortal).length,
    )
    for (const usage of own) {
      expect(usage).toMatchObject({
        receiverCode: '70000001',
        receiverSystem: 'citizen-portal',
      })
    }
  })

  it('limits the period to Tallinn days and refuses a bad one with a clear error', async () => {
    const today = (await usagesOf(MARY)).json<TrackerAnswer>().to
    const empty = (
      await usagesOf(MARY, '?from=2020-01-01&to=2020-01-31')
    ).json<TrackerAnswer>()
    expect(empty.usages).toEqual([])
    expect(
      (await usagesOf(MARY, `?from=${today}&to=${today}`)).json().usages.length,
    ).toBe((await usagesOf(MARY)).json().usages.length)
    for (const query of [
      '?from=2026-02-30',
      '?from=2026-05-01&to=2026-04-01',
      '?to=tomorrow',
      '?from=2019-01-01&to=2026-01-01',
    ]) {
      const res = await usagesOf(MARY, query)
      expect(res.statusCode, query).toBe(400)
      expect(['PERIOD_INVALID', 'VALIDATION_FAILED']).toContain(
        res.json().error.code,
      )
    }
  })

  it('reports a register that cannot be reached and still shows the others', async () => {
    const log = pino({ level: 'silent' })
    const partial = await testApp(database.db as Kysely<Database>, {
      gateway: createGateway({
        securityServerUrl: sandbox.xroadEeUrl,
        client: PORTAL,
        log,
        retries: 0,
      }),
      tracker: {
        registers: [
          ...sandbox.findUsageServices,
          'ee-dev/GOV/70009999/gone/findUsage',
        ],
        portalClient: PORTAL,
      },
    })
    try {
      const res = await partial.inject({
        url: '/api/tracker/usages',
        cookies: sessions.get(MARY),
      })
      expect(res.statusCode).toBe(200)
      const body = res.json<TrackerAnswer>()
      const gone = body.registers.find((r) => r.register.includes('70009999'))
      expect(gone?.state).toBe('failed')
      expect(gone?.error?.code).toMatch(/^XROAD_/)
      expect(
        body.usages.filter((u) => u.receiverCode === '70008747'),
      ).toHaveLength(2)
    } finally {
      await partial.close()
    }
  })

  describe('asking a register to explain an access', () => {
    const ask = (code: string, payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/tracker/explanations',
        headers: { origin: TEST_ORIGIN },
        cookies: sessions.get(code),
        payload,
      })
    const policeUse = async () => {
      const body = (await usagesOf(MARY)).json<TrackerAnswer>()
      const use = body.usages.find((u) => u.receiverCode === '70008747')
      if (!use) throw new Error('no police use to ask about')
      return use
    }

    it('files the request over X-Road and shows how the register’s operator settles it', async () => {
      const use = await policeUse()
      const id = randomUUID()
      const filed = await ask(MARY, {
        id,
        register: use.register,
        usage: {
          logtime: use.logtime,
          action: use.action,
          receiverCode: use.receiverCode,
          receiverSystem: use.receiverSystem,
          why: 'misdemeanour-proceedings:1',
        },
        question: 'Why did the police look me up?',
        language: 'en',
      })
      expect(filed.statusCode, filed.body).toBe(201)
      expect(filed.json()).toMatchObject({
        id,
        register: use.register,
        state: 'received',
      })

      await sleep(2 * OPERATOR_MS + 50)
      const list = await app.inject({
        url: '/api/tracker/explanations',
        cookies: sessions.get(MARY),
      })
      expect(list.statusCode).toBe(200)
      const mine = list
        .json()
        .explanations.find((e: { id: string }) => e.id === id)
      expect(mine).toMatchObject({
        state: 'refused',
        question: 'Why did the police look me up?',
      })
      expect(mine.answer).toContain('proceedings (misdemeanour-proceedings:1)')
      expect(list.json().failedRegisters).toEqual([])

      const theirs = await app.inject({
        url: '/api/tracker/explanations',
        cookies: sessions.get(OTHER),
      })
      expect(
        theirs.json().explanations.map((e: { id: string }) => e.id),
      ).not.toContain(id)
    })

    it('refuses an unknown register, a bad body and a reused id with clear errors', async () => {
      const use = await policeUse()
      const usage = {
        logtime: use.logtime,
        action: use.action,
        receiverCode: use.receiverCode,
        receiverSystem: use.receiverSystem,
      }
      const unknown = await ask(MARY, {
        id: randomUUID(),
        register: 'ee-dev/GOV/70009999/gone/findUsage',
        usage,
        language: 'en',
      })
      expect(unknown.statusCode).toBe(400)
      expect(unknown.json().error.code).toBe('REGISTER_UNKNOWN')
      const bad = await ask(MARY, {
        id: 'x',
        register: use.register,
        usage,
        language: 'en',
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.code).toBe('VALIDATION_FAILED')

      const id = randomUUID()
      expect(
        (await ask(MARY, { id, register: use.register, usage, language: 'en' }))
          .statusCode,
      ).toBe(201)
      const reused = await ask(OTHER, {
        id,
        register: use.register,
        usage,
        language: 'en',
      })
      expect(reused.statusCode).toBe(409)
      expect(reused.json().error.code).toBe('EXPLANATION_ID_TAKEN')
      const signedOut = await app.inject({
        method: 'POST',
        url: '/api/tracker/explanations',
        headers: { origin: TEST_ORIGIN },
        payload: {
          id: randomUUID(),
          register: use.register,
          usage,
          language: 'en',
        },
      })
      expect(signedOut.statusCode).toBe(401)
    })
  })
})
