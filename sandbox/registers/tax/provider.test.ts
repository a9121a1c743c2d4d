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
import { prefilledDeclaration } from './declaration.ts'
import { buildTaxProvider } from './provider.ts'

const IBAN = 'EE382200221020145685'

const eResident = residentWhere((r) => r.kind === 'e-resident')
const pensioner = residentWhere(
  (r) => r.kind !== 'e-resident' && r.birthDate < '1950-01-01',
)
/** Someone whose 2024 declaration ends in a refund. */
const refunded = residentWhere(
  (r) => prefilledDeclaration(r, 2024, TEST_TODAY).calculation.refund > 0,
)
/** Someone who owes tax for 2023. */
const owing = residentWhere(
  (r) => prefilledDeclaration(r, 2023, TEST_TODAY).calculation.payable > 0,
)

interface Income {
  personalCode: string
  year: number
  incomes: { payer: { registryCode: string }; grossIncome: number }[]
  grossIncome: number
}

describe.each(testDatabases())('tax register on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  const spy = usageSpy()

  beforeAll(async () => {
    const seeded = await seededDatabase(engine)
    database = seeded.database
    app = buildTaxProvider({ db: seeded.db, recordUsage: spy.recordUsage })
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const get = (url: string) =>
    app.inject({ url, headers: { 'x-road-userid': `EE${MARY}` } })

  it('answers income by payer for a year, uncached, and logs the use', async () => {
    spy.uses.length = 0
    const res = await get(`/persons/${MARY}/income?year=2024`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json<Income>()
    expect(body).toMatchObject({ personalCode: MARY, year: 2024 })
    expect(body.incomes.length).toBeGreaterThan(0)
    expect(body.incomes[0]?.payer.registryCode).toMatch(/^\d{8}$/)
    const sum = body.incomes.reduce((s, i) => s + i.grossIncome * 100, 0)
    expect(body.grossIncome).toBe(Math.round(sum) / 100)
    expect(spy.uses).toEqual([
      { personalCode: MARY, action: 'tax.income.read', userId: `EE${MARY}` },
    ])
  })

  it('answers the same income every time', async () => {
    const first = await get(
      `/persons/${pensioner.personalCode}/income?year=2023`,
    )
    const second = await get(
      `/persons/${pensioner.personalCode}/income?year=2023`,
    )
    expect(second.body).toBe(first.body)
    expect(first.json<Income>().incomes).toEqual([
      expect.objectContaining({ type: 'pension', months: 12 }),
    ])
  })

  it('has no Estonian income for an e-resident', async () => {
    const res = await get(`/persons/${eResident.personalCode}/income?year=2024`)
    expect(res.statusCode).toBe(200)
    expect(res.json<Income>()).toMatchObject({ incomes: [], grossIncome: 0 })
  })

  it('refuses a missing or impossible year', async () => {
    for (const query of ['', '?year=abc', '?year=2016', '?year=2026']) {
      const res = await get(`/persons/${MARY}/income${query}`)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('INVALID_YEAR')
    }
  })

  it('refuses an invalid personal code and does not know a stranger', async () => {
    spy.uses.length = 0
    const invalid = await get('/persons/38001085719/income?year=2024')
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json()).toEqual({
      error: { code: 'INVALID_PERSONAL_CODE', message: expect.any(String) },
    })
    for (const path of ['income?year=2024', 'declarations/2024']) {
      const res = await get(`/persons/${UNKNOWN_CODE}/${path}`)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('PERSON_NOT_FOUND')
    }
    expect(spy.uses).toEqual([])
  })

  it('pre-fills the declaration of a finished year', async () => {
    spy.uses.length = 0
    const res = await get(`/persons/${owing.personalCode}/declarations/2023`)
    expect(res.statusCode).toBe(200)
    const body = res.json<ReturnType<typeof prefilledDeclaration>>()
    expect(body).toEqual(prefilledDeclaration(owing, 2023, TEST_TODAY))
    expect(body.calculation.payable).toBeGreaterThan(0)
    expect(body.calculation.incomeTax).toBeCloseTo(
      body.calculation.incomeTaxWithheld + body.calculation.payable,
      2,
    )
    expect(body.submissionDeadline).toBe('2024-04-30')
    expect(spy.uses).toEqual([
      expect.objectContaining({
        personalCode: owing.personalCode,
        action: 'tax.declaration.read',
      }),
    ])
  })

  it('has no declaration for the current year or long ago', async () => {
    for (const year of ['2025', '2021']) {
      const res = await get(`/persons/${MARY}/declarations/${year}`)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('DECLARATION_NOT_AVAILABLE')
    }
    const res = await get(`/persons/${MARY}/declarations/20x4`)
    expect(res.json().error.code).toBe('INVALID_YEAR')
  })

  const submit = (code: string, year: number, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: `/persons/${code}/declarations/${year}`,
      payload: payload as object,
    })

  it('refuses an invalid submission, naming what is wrong', async () => {
    const code = refunded.personalCode
    const bodies: unknown[] = [
      [],
      {},
      { clientId: 'short' },
      { clientId: 'client-0001', iban: 'EE382200221020145686' },
      { clientId: 'client-0001', deductions: { donations: -5 } },
      { clientId: 'client-0001', deductions: { donations: 1.234 } },
      { clientId: 'client-0001', deductions: { gifts: 5 } },
      { clientId: 'client-0001', iban: IBAN, extra: true },
    ]
    for (const body of bodies) {
      const res = await submit(code, 2024, body)
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('INVALID_DECLARATION')
    }
    const missing = await submit(code, 2024, { clientId: 'client-0001' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.code).toBe('MISSING_IBAN')
  })

  it('accepts a submission once per client id, and shows its status', async () => {
    const code = refunded.personalCode
    const before = await get(`/persons/${code}/declarations/2024/status`)
    expect(before.json()).toMatchObject({
      status: 'not-submitted',
      receipt: null,
    })

    spy.uses.length = 0
    const payload = { clientId: `${engine.name}-refund-1`, iban: IBAN }
    const first = await submit(code, 2024, payload)
    expect(first.statusCode).toBe(201)
    const receipt = first.json()
    const expected = prefilledDeclaration(refunded, 2024, TEST_TODAY)
    expect(receipt).toMatchObject({
      clientId: payload.clientId,
      personalCode: code,
      year: 2024,
      status: 'accepted',
      refund: expected.calculation.refund,
      payable: 0,
      iban: IBAN,
    })
    expect(spy.uses).toEqual([
      expect.objectContaining({
        personalCode: code,
        action: 'tax.declaration.submit',
      }),
    ])

    const retry = await submit(code, 2024, payload)
    expect(retry.statusCode).toBe(200)
    expect(retry.json()).toEqual(receipt)

    const reused = await submit(code, 2024, {
      ...payload,
      deductions: { trainingExpenses: 100 },
    })
    expect(reused.statusCode).toBe(409)
    expect(reused.json().error.code).toBe('CLIENT_ID_REUSED')

    const status = await get(`/persons/${code}/declarations/2024/status`)
    expect(status.json()).toEqual({
      personalCode: code,
      year: 2024,
      status: 'submitted',
      submissionDeadline: '2025-04-30',
      receipt,
    })
  })

  it('recalculates with the deductions the person claims', async () => {
    const code = owing.personalCode
    const prefilled = prefilledDeclaration(owing, 2023, TEST_TODAY)
    const res = await submit(code, 2023, {
      clientId: `${engine.name}-owing-1`,
      deductions: { trainingExpenses: 0, housingLoanInterest: 0, donations: 0 },
    })
    expect(res.statusCode).toBe(201)
    const receipt = res.json<{ payable: number; paymentDueBy: string }>()
    expect(receipt.payable).toBeGreaterThanOrEqual(
      prefilled.calculation.payable,
    )
    expect(receipt.paymentDueBy).toBe('2024-10-01')
  })

  it('answers JSON only, and describes itself in OpenAPI 3', async () => {
    await expectJsonAndOpenApi(app, `/persons/${MARY}/income?year=2024`, [
      '/persons/{personalCode}/income',
      '/persons/{personalCode}/declarations/{year}',
      '/persons/{personalCode}/declarations/{year}/status',
    ])
  })

  it('answers the same twice, and after a fresh seed of another database', async () => {
    await expectStableAnswers(engine, app, buildTaxProvider, [
      `/persons/${MARY}/income?year=2024`,
      `/persons/${refunded.personalCode}/declarations/2024`,
      `/persons/${eResident.personalCode}/declarations/2023`,
    ])
  })
})
