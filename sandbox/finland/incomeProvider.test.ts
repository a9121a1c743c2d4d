import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_RESIDENTS, TEST_TODAY } from '../registers/registerTestKit.ts'
import { finnishIncomeOf } from './finnishIncome.ts'
import { buildIncomeProvider } from './incomeProvider.ts'

interface Income {
  personalCode: string
  year: number
  currency: string
  incomes: { payer: { businessId: string }; grossIncome: number }[]
  earnedIncome: number
  taxWithheld: number
}

const working = TEST_RESIDENTS.filter(
  (r) => finnishIncomeOf(r.personalCode, 2024, TEST_TODAY).length > 0,
)
const notWorking = TEST_RESIDENTS.find(
  (r) => finnishIncomeOf(r.personalCode, 2024, TEST_TODAY).length === 0,
)

let app: FastifyInstance

beforeAll(() => {
  app = buildIncomeProvider(pino({ level: 'silent' }), { today: TEST_TODAY })
})
afterAll(async () => {
  await app.close()
})

const income = async (code: string, year: number) => {
  const res = await app.inject(`/${code}?year=${year}`)
  expect(res.statusCode).toBe(200)
  expect(res.headers['cache-control']).toBe('no-store')
  return res.json<Income>()
}

describe('the Finnish income stub', () => {
  it('has income for about one resident in twenty', () => {
    const share = working.length / TEST_RESIDENTS.length
    expect(share).toBeGreaterThan(0.02)
    expect(share).toBeLessThan(0.08)
  })

  it('answers income by Finnish payer, with totals that add up', async () => {
    const person = working[0]
    const body = await income(person?.personalCode ?? '', 2024)
    expect(body).toMatchObject({
      personalCode: person?.personalCode,
      year: 2024,
      currency: 'EUR',
    })
    expect(body.incomes).toHaveLength(1)
    expect(body.incomes[0]?.payer.businessId).toMatch(/^\d{7}-\d$/)
    expect(body.earnedIncome).toBe(body.incomes[0]?.grossIncome)
    expect(body.taxWithheld).toBeGreaterThan(body.earnedIncome * 0.19)
    expect(body.taxWithheld).toBeLessThan(body.earnedIncome * 0.35)
  })

  it('answers an empty list, not made-up money, for everyone else', async () => {
    expect(await income(notWorking?.personalCode ?? '', 2024)).toEqual({
      personalCode: notWorking?.personalCode,
      year: 2024,
      currency: 'EUR',
      incomes: [],
      earnedIncome: 0,
      taxWithheld: 0,
    })
    expect((await income('010190-123A', 2024)).incomes).toEqual([])
  })

  it('has no income in a year not yet begun', async () => {
    expect(
      (await income(working[0]?.personalCode ?? '', 2026)).incomes,
    ).toEqual([])
  })

  it('answers the same every time', async () => {
    for (const person of working.slice(0, 5)) {
      const url = `/${person.personalCode}?year=2023`
      const again = buildIncomeProvider(pino({ level: 'silent' }), {
        today: TEST_TODAY,
      })
      try {
        expect((await again.inject(url)).body).toBe(
          (await app.inject(url)).body,
        )
      } finally {
        await again.close()
      }
    }
  })

  it('refuses a missing year or a malformed code', async () => {
    for (const url of ['/60001019906', '/60001019906?year=x', '/a?year=2024']) {
      const res = await app.inject(url)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('BAD_REQUEST')
    }
  })
})
