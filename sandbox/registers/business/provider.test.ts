import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../../server/db/database.ts'
import { testDatabases } from '../../../tests/support/databases.ts'
import { EMPLOYERS } from '../payers.ts'
import {
  residentWhere,
  seededDatabase,
  TEST_RESIDENTS,
  TEST_TODAY,
  expectJsonAndOpenApi,
  expectStableAnswers,
  UNKNOWN_CODE,
  usageSpy,
} from '../registerTestKit.ts'
import type { Company, PersonCompany } from './company.ts'
import { buildBusinessDirectory } from './directory.ts'
import { buildBusinessProvider } from './provider.ts'
import { isValidRegistryCode, makeRegistryCode } from './registryCode.ts'

const directory = buildBusinessDirectory(TEST_RESIDENTS, TEST_TODAY)
const founder = residentWhere(
  (r) =>
    r.kind === 'e-resident' && directory.companiesOf(r.personalCode).length > 0,
)
const family = residentWhere((r) =>
  directory
    .companiesOf(r.personalCode)
    .some((c) => (directory.company(c.registryCode)?.people.length ?? 0) > 2),
)
const nobody = residentWhere(
  (r) => directory.companiesOf(r.personalCode).length === 0,
)

describe('registry codes', () => {
  it('accepts real registry codes and refuses a wrong check digit', () => {
    expect(isValidRegistryCode('70000349')).toBe(true)
    expect(isValidRegistryCode('70000310')).toBe(true)
    expect(isValidRegistryCode('70000348')).toBe(false)
    expect(isValidRegistryCode('7000034')).toBe(false)
    expect(makeRegistryCode('7000034')).toBe('70000349')
  })
})

describe.each(testDatabases())('business register on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  const spy = usageSpy()

  beforeAll(async () => {
    const seeded = await seededDatabase(engine)
    database = seeded.database
    app = buildBusinessProvider({ db: seeded.db, recordUsage: spy.recordUsage })
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const roles = async (code: string) => {
    const res = await app.inject(`/persons/${code}/roles`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    return res.json<{ personalCode: string; companies: PersonCompany[] }>()
  }

  it('lists the companies an e-resident has roles in, and logs the use', async () => {
    spy.uses.length = 0
    const body = await roles(founder.personalCode)
    expect(body.personalCode).toBe(founder.personalCode)
    expect(body.companies.length).toBeGreaterThan(0)
    const [first] = body.companies
    expect(first?.registryCode).toMatch(/^1\d{7}$/)
    expect(first?.legalForm).toBe('OÜ')
    expect(first?.roles.map((r) => r.role)).toEqual([
      'board-member',
      'shareholder',
    ])
    expect(spy.uses).toEqual([
      {
        personalCode: founder.personalCode,
        action: 'business.roles.read',
        userId: undefined,
      },
    ])
  })

  it('answers a company with its people, logging a use for each person', async () => {
    const [listed] = directory
      .companiesOf(family.personalCode)
      .filter(
        (c) => (directory.company(c.registryCode)?.people.length ?? 0) > 2,
      )
    spy.uses.length = 0
    const res = await app.inject(`/companies/${listed?.registryCode}`)
    expect(res.statusCode).toBe(200)
    const company = res.json<Company>()
    expect(company.people.length).toBeGreaterThan(2)
    const codes = [...new Set(company.people.map((p) => p.personalCode))]
    expect(codes).toHaveLength(2)
    expect(codes).toContain(family.personalCode)
    const shares = company.people
      .filter((p) => p.role === 'shareholder')
      .reduce((sum, p) => sum + (p.sharePercent ?? 0), 0)
    expect(shares).toBe(company.legalForm === 'MTÜ' ? 0 : 100)
    expect(spy.uses.map((u) => [u.personalCode, u.action]).sort()).toEqual(
      codes.sort().map((c) => [c, 'business.company.read']),
    )
  })

  it('finds a tax payer as a company with nobody to log', async () => {
    const employer = EMPLOYERS[0]
    spy.uses.length = 0
    const res = await app.inject(`/companies/${employer?.registryCode}`)
    expect(res.statusCode).toBe(200)
    expect(res.json<Company>()).toMatchObject({
      name: employer?.name,
      status: 'registered',
      people: [],
    })
    expect(spy.uses).toEqual([])
  })

  it('answers an empty list for a person without companies', async () => {
    expect((await roles(nobody.personalCode)).companies).toEqual([])
  })

  it('refuses invalid codes and does not know strangers', async () => {
    spy.uses.length = 0
    const person = await app.inject('/persons/1234/roles')
    expect(person.statusCode).toBe(400)
    expect(person.json().error.code).toBe('INVALID_PERSONAL_CODE')
    const stranger = await app.inject(`/persons/${UNKNOWN_CODE}/roles`)
    expect(stranger.statusCode).toBe(404)
    expect(stranger.json().error.code).toBe('PERSON_NOT_FOUND')

    const code = await app.inject('/companies/70000348')
    expect(code.statusCode).toBe(400)
    expect(code.json().error.code).toBe('INVALID_REGISTRY_CODE')
    const unknown = await app.inject(
      `/companies/${makeRegistryCode('9999999')}`,
    )
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('COMPANY_NOT_FOUND')
    expect(spy.uses).toEqual([])
  })

  it('answers JSON only, and describes itself in OpenAPI 3', async () => {
    await expectJsonAndOpenApi(app, `/persons/${founder.personalCode}/roles`, [
      '/persons/{personalCode}/roles',
      '/companies/{registryCode}',
    ])
  })

  it('answers the same twice, and after a fresh seed of another database', async () => {
    const [company] = directory.companiesOf(family.personalCode)
    await expectStableAnswers(engine, app, buildBusinessProvider, [
      `/persons/${founder.personalCode}/roles`,
      `/persons/${family.personalCode}/roles`,
      `/companies/${company?.registryCode}`,
    ])
  })
})
