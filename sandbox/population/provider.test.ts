import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePersonalCode } from '../../common/personalCode.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { buildPopulationProvider } from './provider.ts'
import { generateResidents } from './residents.ts'
import { seedPopulation } from './store.ts'

const today = new Date('2025-06-15T00:00:00Z')
const residents = generateResidents({ today })
const unknownCode = makePersonalCode('1850-01-01', 'male', 1)

let database: PortalDatabase
let app: FastifyInstance

beforeAll(async () => {
  database = await openDatabase({ memory: true })
  const db = database.db as Kysely<unknown>
  await migrateSandbox(db)
  await seedPopulation(db, today)
  app = buildPopulationProvider({ db })
})
afterAll(async () => {
  await app.close()
  await database.close()
})

describe('population register provider', () => {
  it('answers a person with their address, uncached', async () => {
    const res = await app.inject('/persons/60001019906')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toMatchObject({
      personalCode: '60001019906',
      givenName: 'MARY ÄNN',
      familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
      sex: 'female',
      birthDate: '2000-01-01',
      kind: 'citizen',
      citizenship: 'EE',
      address: { county: 'Harju maakond', municipality: 'Tallinn' },
    })
  })

  it('answers an e-resident with no address', async () => {
    const eResident = residents.find((r) => r.kind === 'e-resident')
    const res = await app.inject(`/persons/${eResident?.personalCode}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'e-resident', address: null })
  })

  it('answers a family with named relatives', async () => {
    const res = await app.inject('/persons/60001017869/family')
    expect(res.statusCode).toBe(200)
    const body = res.json<{
      personalCode: string
      spouse: unknown
      parents: { givenName: string }[]
      children: unknown[]
    }>()
    expect(body.personalCode).toBe('60001017869')
    expect(body.spouse).toBeNull()
    expect(body.parents).toHaveLength(2)
    expect(body.parents[0]?.givenName).toEqual(expect.any(String))
  })

  it('answers documents, oldest first', async () => {
    const mary = residents.find((r) => r.personalCode === '60001019906')
    const res = await app.inject('/persons/60001019906/documents')
    expect(res.statusCode).toBe(200)
    const { documents } = res.json<{ documents: { issuedOn: string }[] }>()
    expect(documents).toHaveLength(mary?.documents.length ?? -1)
    const dates = documents.map((d) => d.issuedOn)
    expect(dates).toEqual([...dates].sort())
    expect(documents).toEqual(expect.arrayContaining(mary?.documents ?? []))
  })

  it('refuses an invalid personal code with 400 JSON', async () => {
    for (const path of [
      '/persons/38001085719',
      '/persons/abc',
      '/persons/60001019906x/family',
    ]) {
      const res = await app.inject(path)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({
        error: { code: 'INVALID_PERSONAL_CODE', message: expect.any(String) },
      })
    }
  })

  it('answers 404 JSON for an unknown person on every route', async () => {
    for (const suffix of ['', '/family', '/documents']) {
      const res = await app.inject(`/persons/${unknownCode}${suffix}`)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('PERSON_NOT_FOUND')
    }
  })

  it('answers 404 JSON at unknown addresses', async () => {
    const res = await app.inject('/people')
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('answers JSON only', async () => {
    const res = await app.inject({
      url: '/persons/60001019906',
      headers: { accept: 'text/html' },
    })
    expect(res.statusCode).toBe(406)
    expect(res.json().error.code).toBe('NOT_ACCEPTABLE')
    const any = await app.inject({
      url: '/persons/60001019906',
      headers: { accept: 'text/html, */*;q=0.1' },
    })
    expect(any.statusCode).toBe(200)
  })

  it('describes its three routes in OpenAPI 3, below /persons', async () => {
    const res = await app.inject('/openapi.json')
    expect(res.statusCode).toBe(200)
    const description = res.json<{
      openapi: string
      servers: { url: string }[]
      paths: object
    }>()
    expect(description.openapi).toMatch(/^3\./)
    expect(description.servers).toEqual([{ url: '/persons' }])
    expect(Object.keys(description.paths)).toEqual([
      '/{personalCode}',
      '/{personalCode}/family',
      '/{personalCode}/documents',
    ])
  })
})

describe('population register usage recording', () => {
  it('records each answered lookup with its action, and nothing refused', async () => {
    const calls: [string, string][] = []
    const recording = buildPopulationProvider({
      db: database.db as Kysely<unknown>,
      recordUsage: async (_request, personalCode, action) => {
        calls.push([personalCode, action])
      },
    })
    try {
      for (const suffix of ['', '/family', '/documents']) {
        const res = await recording.inject(`/persons/60001019906${suffix}`)
        expect(res.statusCode).toBe(200)
      }
      await recording.inject(`/persons/${unknownCode}`)
      await recording.inject('/persons/abc')
      expect(calls).toEqual([
        ['60001019906', 'persons.read'],
        ['60001019906', 'persons.family.read'],
        ['60001019906', 'persons.documents.read'],
      ])
    } finally {
      await recording.close()
    }
  })

  it('answers no personal data when the lookup cannot be recorded', async () => {
    const failing = buildPopulationProvider({
      db: database.db as Kysely<unknown>,
      recordUsage: async () => {
        throw new Error('the usage log is down')
      },
    })
    try {
      const res = await failing.inject('/persons/60001019906')
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: expect.any(String) },
      })
      expect(res.body).not.toContain('MARY')
    } finally {
      await failing.close()
    }
  })
})
