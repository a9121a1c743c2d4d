import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
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
import { buildVehiclesProvider } from './provider.ts'
import { vehiclesOf, type Vehicle } from './vehicles.ts'

const eResident = residentWhere((r) => r.kind === 'e-resident')
const child = residentWhere(
  (r) => r.kind !== 'e-resident' && r.birthDate > '2012-01-01',
)
const twoVehicles = residentWhere((r) => vehiclesOf(r, TEST_TODAY).length >= 2)
const leased = residentWhere((r) =>
  vehiclesOf(r, TEST_TODAY).some((v) => v.role === 'user'),
)

describe.each(testDatabases())('vehicle register on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  let seededDb: Kysely<unknown>
  const spy = usageSpy()

  beforeAll(async () => {
    const seeded = await seededDatabase(engine)
    database = seeded.database
    seededDb = seeded.db
    app = buildVehiclesProvider({ db: seeded.db, recordUsage: spy.recordUsage })
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const vehicles = async (code: string) => {
    const res = await app.inject(`/persons/${code}/vehicles`)
    expect(res.statusCode).toBe(200)
    return res.json<{ personalCode: string; vehicles: Vehicle[] }>().vehicles
  }

  it('lists vehicles by registration number, uncached, and logs the use', async () => {
    spy.uses.length = 0
    const code = twoVehicles.personalCode
    const res = await app.inject({
      url: `/persons/${code}/vehicles`,
      headers: { 'x-road-userid': `EE${code}` },
    })
    expect(res.headers['cache-control']).toBe('no-store')
    const list = res.json<{ vehicles: Vehicle[] }>().vehicles
    expect(list.length).toBeGreaterThanOrEqual(2)
    const plates = list.map((v) => v.registrationNumber)
    expect(plates).toEqual([...plates].sort())
    for (const v of list) {
      expect(v.registrationNumber).toMatch(/^\d{3} [A-Z]{3}$/)
      expect(v.vin).toMatch(/^[A-Z0-9]{17}$/)
      expect(v.firstRegistration < '2025-06-15').toBe(true)
      expect(v.inspectionValid).toBe(v.inspectionValidUntil >= '2025-06-15')
    }
    expect(spy.uses).toEqual([
      {
        personalCode: code,
        action: 'vehicles.vehicles.read',
        userId: `EE${code}`,
      },
    ])
  })

  it('names the owner of a car the person only uses', async () => {
    const list = await vehicles(leased.personalCode)
    const used = list.find((v) => v.role === 'user')
    expect(used?.owner).toEqual(expect.any(String))
    expect(list.filter((v) => v.role === 'owner').every((v) => !v.owner)).toBe(
      true,
    )
  })

  it('has no vehicles for children and e-residents', async () => {
    expect(await vehicles(child.personalCode)).toEqual([])
    expect(await vehicles(eResident.personalCode)).toEqual([])
  })

  it('refuses an invalid code and does not know a stranger', async () => {
    spy.uses.length = 0
    const invalid = await app.inject('/persons/6000101990x/vehicles')
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().error.code).toBe('INVALID_PERSONAL_CODE')
    const unknown = await app.inject(`/persons/${UNKNOWN_CODE}/vehicles`)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('PERSON_NOT_FOUND')
    expect(spy.uses).toEqual([])
  })

  it('answers nothing when the use cannot be logged', async () => {
    const failing = buildVehiclesProvider({
      db: seededDb,
      recordUsage: async () => {
        throw new Error('usage log unavailable')
      },
    })
    try {
      const res = await failing.inject(
        `/persons/${twoVehicles.personalCode}/vehicles`,
      )
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: expect.any(String) },
      })
      expect(res.body).not.toContain(twoVehicles.personalCode)
    } finally {
      await failing.close()
    }
  })

  it('answers JSON only, and describes itself in OpenAPI 3', async () => {
    await expectJsonAndOpenApi(app, `/persons/${MARY}/vehicles`, [
      '/persons/{personalCode}/vehicles',
    ])
  })

  it('answers the same twice, and after a fresh seed of another database', async () => {
    await expectStableAnswers(
      engine,
      app,
      buildVehiclesProvider,
      [MARY, twoVehicles.personalCode, leased.personalCode].map(
        (code) => `/persons/${code}/vehicles`,
      ),
    )
  })
})
