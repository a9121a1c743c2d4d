import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateSandbox } from '../db/migrate.ts'
import type { Resident } from './resident.ts'
import { generateResidents } from './residents.ts'
import {
  findDocuments,
  findFamily,
  findPerson,
  findResident,
  findResidentByPhone,
  listResidents,
  seedMarker,
  seedPopulation,
} from './store.ts'

const today = new Date('2025-06-15T00:00:00Z')
const expected = generateResidents({ today })

describe.each(testDatabases())('population store on $name', (engine) => {
  let database: PortalDatabase
  let db: Kysely<unknown>

  beforeAll(async () => {
    database = await engine.open()
    db = database.db as Kysely<unknown>
    await migrateSandbox(db)
  })
  afterAll(() => database.close())

  it('seeds once, even when two calls race', async () => {
    const results = await Promise.all([
      seedPopulation(db, today),
      seedPopulation(db, today),
    ])
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true])
    expect(await seedPopulation(db, today)).toEqual({ seeded: false })

    const { count } = await db
      .withTables<{ sandbox_person: { personal_code: string } }>()
      .selectFrom('sandbox_person')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(expected.length)
    expect(await seedMarker(db)).toMatchObject({
      seed: 372,
      today: '2025-06-15',
      count: 1000,
    })
  })

  it('runs its migrations again without change', async () => {
    await expect(migrateSandbox(db)).resolves.toBeUndefined()
  })

  it('gives back every resident as generated', async () => {
    const normal = (r: Resident): Resident => ({
      ...r,
      family: {
        spouse: r.family.spouse,
        children: [...r.family.children].sort(),
        parents: [...r.family.parents].sort(),
      },
      documents: [...r.documents].sort((a, b) =>
        a.number.localeCompare(b.number),
      ),
    })
    const listed = await listResidents(db)
    const byCode = (a: Resident, b: Resident) =>
      a.personalCode.localeCompare(b.personalCode)
    expect(listed.map(normal).sort(byCode)).toEqual(
      expected.map(normal).sort(byCode),
    )

    const mary = await findResident(db, '60001019906')
    const generated = expected.find((r) => r.personalCode === '60001019906')
    expect(mary && normal(mary)).toEqual(generated && normal(generated))
    expect(mary).toBeDefined()
    const documents = mary?.documents.map((d) => d.issuedOn) ?? []
    expect(documents).toEqual([...documents].sort())
  })

  it('finds a person with their address, or nothing for an unknown code', async () => {
    const mary = await findPerson(db, '60001019906')
    expect(mary).toMatchObject({
      givenName: 'MARY ÄNN',
      familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
      birthDate: '2000-01-01',
      kind: 'citizen',
      address: { municipality: 'Tallinn' },
    })
    expect(mary).not.toHaveProperty('phoneNumber')
    expect(await findPerson(db, '38001085718')).toBeUndefined()
    expect(await findFamily(db, '38001085718')).toBeUndefined()
    expect(await findDocuments(db, '38001085718')).toBeUndefined()
  })

  it('names family members and keeps e-residents without an address', async () => {
    const family = await findFamily(db, '60001019906')
    expect(family?.spouse?.familyName).toBe('Kask')
    expect(family?.parents).toHaveLength(2)
    expect(family?.children[0]?.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const eResident = expected.find((r) => r.kind === 'e-resident')
    const found = await findPerson(db, eResident?.personalCode ?? '')
    expect(found?.kind).toBe('e-resident')
    expect(found?.address).toBeNull()
  })

  it('answers an empty family, not an unknown person, for someone alone', async () => {
    const alone = expected.find(
      (r) =>
        r.family.spouse === null &&
        r.family.children.length === 0 &&
        r.family.parents.length === 0,
    )
    expect(alone).toBeDefined()
    expect(await findFamily(db, alone?.personalCode ?? '')).toEqual({
      spouse: null,
      children: [],
      parents: [],
    })
  })

  it('finds a resident by their Mobile-ID number', async () => {
    const found = await findResidentByPhone(db, '+37268000769')
    expect(found?.personalCode).toBe('60001017869')
  })
})
