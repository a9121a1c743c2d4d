import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startModuleHarness,
  type ModuleHarness,
} from '../../tests/support/moduleHarness.ts'

const MARY = '60001019906'
const OTHER = '60001017869'

interface Relative {
  personalCode: string
}

describe('personal-data operations', () => {
  let harness: ModuleHarness
  const get = async (personalCode: string) =>
    harness.app.inject({
      url: '/api/services/personal-data/person',
      cookies: await harness.signIn(personalCode),
    })

  beforeAll(async () => {
    harness = await startModuleHarness(new URL('.', import.meta.url).pathname)
  })
  afterAll(() => harness.close())

  it('need a signed-in citizen', async () => {
    const res = await harness.app.inject({
      url: '/api/services/personal-data/person',
    })
    expect(res.statusCode).toBe(401)
  })

  it('answer each citizen only their own record, whatever the request names', async () => {
    const sessions = [
      { code: MARY, cookies: await harness.signIn(MARY), other: OTHER },
      { code: OTHER, cookies: await harness.signIn(OTHER), other: MARY },
    ]
    for (const { code, cookies, other } of [...sessions, ...sessions]) {
      const res = await harness.app.inject({
        url: `/api/services/personal-data/person?personalCode=${other}`,
        headers: { 'x-road-userid': `EE${other}` },
        cookies,
      })
      expect(res.statusCode).toBe(200)
      expect(res.json().person.personalCode).toBe(code)
      expect(res.body).not.toContain(other === MARY ? 'MARY ÄNN' : other)
    }
  })

  it("answer the citizen's own record from the population register", async () => {
    const res = await get(MARY)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const { person } = res.json()
    expect(person.personalCode).toBe(MARY)
    expect(person.givenName).toBe('MARY ÄNN')
    expect(person.birthDate).toBe('2000-01-01')
    expect(person.address).not.toBeNull()
  })

  it('show family links that the relatives share', async () => {
    const { family } = (await get(MARY)).json()
    const relatives: Relative[] = [
      ...(family.spouse ? [family.spouse] : []),
      ...family.children,
      ...family.parents,
    ]
    expect(relatives.length).toBeGreaterThan(0)
    for (const relative of relatives) {
      const theirs = await harness.sandbox.residents.find(relative.personalCode)
      const links = theirs?.family
      const back = [
        links?.spouse,
        ...(links?.children ?? []),
        ...(links?.parents ?? []),
      ]
      expect(back).toContain(MARY)
    }
  })

  it('show each citizen only their own data', async () => {
    const res = await get(OTHER)
    expect(res.json().person.personalCode).toBe(OTHER)
    expect(JSON.stringify(res.json())).not.toContain('MARY ÄNN')
  })

  it('show an e-resident without an Estonian address', async () => {
    const eResident = harness.sandbox.residents
      .demo()
      .find((d) => d.kind === 'e-resident')
    expect(eResident).toBeDefined()
    const res = await get(eResident?.personalCode ?? '')
    expect(res.json().person.address).toBeNull()
  })
})
