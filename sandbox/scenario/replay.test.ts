import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { startSandbox, type Sandbox } from '../start.ts'
import { MessageLog } from '../xroad/messageLog.ts'
import { SCENARIO_AGENCIES } from './agencies.ts'

const SIZE = 40
const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'

describe.each(testDatabases())('the agencies scenario on $name', (engine) => {
  let database: PortalDatabase
  let sandbox: Sandbox
  let log: MessageLog

  beforeAll(async () => {
    database = await engine.open()
    sandbox = await startSandbox({
      db: database.db as Kysely<unknown>,
      ports: { xroadEe: 0, xroadFi: 0 },
      modules: [],
      portalClient: PORTAL,
      log: pino({ level: 'silent' }),
      today: new Date('2026-06-15T00:00:00Z'),
      scenarioSize: SIZE,
    })
    log = new MessageLog(database.db as Kysely<unknown>, 'ee-dev')
  })

  afterAll(async () => {
    await sandbox?.close()
    await database?.close()
  })

  it('sends every agency’s queries to every register through the security server, all allowed', async () => {
    const report = await sandbox.scenario.replay({ firstOnly: true })

    const featured = sandbox.residents.demo().length
    expect(report?.failed).toBe(0)
    expect(report?.sent).toBeGreaterThan(SIZE + featured)
    expect(report?.answered).toBe(report?.sent)

    const records = await log.records()
    expect(records).toHaveLength(report?.sent ?? -1)
    expect(records.every((r) => r.responseStatus === 200)).toBe(true)
    const clients = new Set(records.map((r) => r.client))
    const services = new Set(records.map((r) => r.service))
    for (const agency of SCENARIO_AGENCIES) {
      expect(clients).toContain(agency.client)
      for (const query of agency.queries)
        expect(services).toContain(query.service)
    }
  })

  it('shows up in the population register’s usage log for each featured resident', async () => {
    const [resident] = sandbox.residents.demo()
    const code = resident?.personalCode ?? ''
    const response = await fetch(
      `${sandbox.xroadEeUrl}/r1/ee-dev/GOV/70008440/population/findUsage` +
        `/v2/findUsage?userCode=${code}`,
      {
        headers: {
          'X-Road-Client': PORTAL,
          'X-Road-UserId': `EE${code}`,
        },
      },
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      totalUsages: number
      usages: { receiverCode: string; receiverName?: string }[]
    }
    const receivers = new Set(
      body.usages.map((u) => `${u.receiverCode} ${u.receiverName}`),
    )
    expect(receivers).toContain('70008747 Politsei- ja Piirivalveamet')
    expect(receivers).toContain('70000349 Maksu- ja Tolliamet')
  })

  it('replays once per database at start-up, and anew on demand', async () => {
    const before = (await log.records()).length

    expect(await sandbox.scenario.replay({ firstOnly: true })).toBeUndefined()
    expect(await log.records()).toHaveLength(before)

    const again = await sandbox.scenario.replay()
    expect(again?.failed).toBe(0)
    const records = await log.records()
    expect(records.length).toBe(before + (again?.sent ?? 0))
  })

  it('asks different questions in each replay', async () => {
    const paths = async (from: number) =>
      (await log.records()).slice(from).map((r) => `${r.client} ${r.path}`)
    const start = (await log.records()).length
    const first = await sandbox.scenario.replay()
    const middle = (await log.records()).length
    await sandbox.scenario.replay()

    const one = await paths(start)
    const two = await paths(middle)
    expect(one.slice(0, first?.sent)).not.toEqual(two)
  })
})
