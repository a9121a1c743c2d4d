import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../../server/db/database.ts'
import { testDatabases } from '../../../tests/support/databases.ts'
import {
  MARY,
  residentWhere,
  seededDatabase,
  TEST_TODAY,
  expectJsonAndOpenApi,
  expectStableAnswers,
  UNKNOWN_CODE,
  usageSpy,
} from '../registerTestKit.ts'
import { insuranceOf } from './insurance.ts'
import { prescriptionsOf, type Prescription } from './prescriptions.ts'
import { buildHealthProvider } from './provider.ts'

const eResident = residentWhere((r) => r.kind === 'e-resident')
const child = residentWhere(
  (r) => r.kind !== 'e-resident' && r.birthDate > '2012-01-01',
)
const pensioner = residentWhere(
  (r) => r.kind !== 'e-resident' && r.birthDate < '1950-01-01',
)
const withPrescriptions = residentWhere(
  (r) => prescriptionsOf(r, TEST_TODAY).length >= 3,
)

describe.each(testDatabases())('health register on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  const spy = usageSpy()

  beforeAll(async () => {
    const seeded = await seededDatabase(engine)
    database = seeded.database
    app = buildHealthProvider({ db: seeded.db, recordUsage: spy.recordUsage })
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const insurance = (code: string) =>
    app.inject(`/persons/${code}/insurance`).then((res) => res.json())

  it('answers the insurance status, uncached, and logs the use', async () => {
    spy.uses.length = 0
    const res = await app.inject({
      url: `/persons/${MARY}/insurance`,
      headers: { 'x-road-userid': `EE${MARY}` },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toMatchObject({ personalCode: MARY, insured: true })
    expect(spy.uses).toEqual([
      {
        personalCode: MARY,
        action: 'health.insurance.read',
        userId: `EE${MARY}`,
      },
    ])
  })

  it('insures children until 19 and pensioners without end, not e-residents', async () => {
    const minor = await insurance(child.personalCode)
    expect(minor).toMatchObject({ insured: true, basis: 'minor' })
    const nineteenth = Number(child.birthDate.slice(0, 4)) + 19
    expect(minor.validUntil.slice(0, 4)).toBe(String(nineteenth))

    expect(await insurance(pensioner.personalCode)).toMatchObject({
      insured: true,
      basis: 'pensioner',
      validUntil: null,
    })
    expect(await insurance(eResident.personalCode)).toEqual({
      personalCode: eResident.personalCode,
      insured: false,
      basis: null,
      validUntil: null,
    })
  })

  it('lists prescriptions newest first, with a status that fits the dates', async () => {
    spy.uses.length = 0
    const code = withPrescriptions.personalCode
    const res = await app.inject(`/persons/${code}/prescriptions`)
    expect(res.statusCode).toBe(200)
    const { prescriptions } = res.json<{ prescriptions: Prescription[] }>()
    expect(prescriptions).toEqual(
      prescriptionsOf(withPrescriptions, TEST_TODAY),
    )
    expect(prescriptions.length).toBeGreaterThanOrEqual(3)
    const dates = prescriptions.map((p) => p.prescribedOn)
    expect(dates).toEqual([...dates].sort().reverse())
    for (const p of prescriptions) {
      expect(p.validUntil > p.prescribedOn).toBe(true)
      if (p.status === 'dispensed') expect(p.dispensedOn).not.toBeNull()
      if (p.status === 'expired') expect(p.validUntil < '2025-06-15').toBe(true)
      if (p.status === 'valid') expect(p.validUntil >= '2025-06-15').toBe(true)
    }
    expect(spy.uses).toEqual([
      expect.objectContaining({
        personalCode: code,
        action: 'health.prescriptions.read',
      }),
    ])
  })

  it('has no prescriptions for an e-resident', async () => {
    const res = await app.inject(
      `/persons/${eResident.personalCode}/prescriptions`,
    )
    expect(res.json()).toEqual({
      personalCode: eResident.personalCode,
      prescriptions: [],
    })
  })

  it('refuses an invalid code and does not know a stranger', async () => {
    spy.uses.length = 0
    for (const route of ['insurance', 'prescriptions']) {
      const invalid = await app.inject(`/persons/12345/${route}`)
      expect(invalid.statusCode).toBe(400)
      expect(invalid.json().error.code).toBe('INVALID_PERSONAL_CODE')
      const unknown = await app.inject(`/persons/${UNKNOWN_CODE}/${route}`)
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json().error.code).toBe('PERSON_NOT_FOUND')
    }
    expect(spy.uses).toEqual([])
  })

  it('answers JSON only, and describes itself in OpenAPI 3', async () => {
    await expectJsonAndOpenApi(app, `/persons/${MARY}/insurance`, [
      '/persons/{personalCode}/insurance',
      '/persons/{personalCode}/prescriptions',
    ])
  })

  it('answers the same twice, and after a fresh seed of another database', async () => {
    const codes = [MARY, child.personalCode, withPrescriptions.personalCode]
    await expectStableAnswers(
      engine,
      app,
      buildHealthProvider,
      codes.flatMap((code) => [
        `/persons/${code}/insurance`,
        `/persons/${code}/prescriptions`,
      ]),
    )
    expect(await insurance(MARY)).toEqual(
      insuranceOf(
        residentWhere((r) => r.personalCode === MARY),
        TEST_TODAY,
      ),
    )
  })
})
