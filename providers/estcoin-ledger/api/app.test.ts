import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openApiEndpoints } from '../../../sandbox/xroad/openApiEndpoints.ts'
import { testDatabases } from '../../../tests/support/databases.ts'
import { ledgerProblems } from '../invariants.ts'
import { createLedger } from '../ledger.ts'
import { openLedgerDatabase, person } from '../ledgerTestKit.ts'
import { buildLedgerApp } from './app.ts'
import { LEDGER_OPENAPI } from './openApi.ts'
import { hostLedgerService } from './service.ts'

const THRESHOLD = 5_000
const log = pino({ level: 'silent' })

describe.each(testDatabases())('the ledger service on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>
  let app: FastifyInstance

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
    app = buildLedgerApp({
      ledger: createLedger({ db, welcomeGrant: 10_000 }),
      signatureThreshold: THRESHOLD,
      log,
    })
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(async () => {
    await app?.close()
    await close()
  })

  const as = (code: string) => ({ 'x-road-userid': `EE${code}` })
  const get = (code: string, url: string) =>
    app.inject({ url, headers: as(code) })
  const send = (code: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/transfers',
      headers: as(code),
      payload,
    })
  const codeOf = (response: { json(): unknown }) =>
    (response.json() as { error?: { code: string } }).error?.code
  const balanceOf = async (code: string) =>
    (await get(code, '/account')).json().account.balance as number

  it('acts only for a valid X-Road user', async () => {
    for (const headers of [{}, { 'x-road-userid': '60001019906' }, as('1')]) {
      const response = await app.inject({ url: '/account', headers })
      expect(response.statusCode).toBe(400)
      expect(codeOf(response)).toBe('USER_ID_INVALID')
    }
  })

  it('opens the user’s account with the welcome grant once', async () => {
    const first = await get(person(1), '/account')
    expect(first.statusCode).toBe(200)
    expect(first.headers['cache-control']).toBe('no-store')
    expect(first.json()).toMatchObject({
      account: { personalCode: person(1), balance: 10_000, entryCount: 1 },
      signatureThreshold: THRESHOLD,
    })
    expect(await balanceOf(person(1))).toBe(10_000)
  })

  it('sends from the user’s account only, whatever the body says', async () => {
    await get(person(2), '/account')
    await get(person(3), '/account')
    const response = await send(person(2), {
      id: randomUUID(),
      from: person(3),
      to: person(3),
      amount: 1_500,
      description: 'lunch',
    })
    expect(response.statusCode).toBe(201)
    expect(response.json().transfer).toMatchObject({
      from: person(2),
      to: person(3),
      amount: 1_500,
    })
    expect(await balanceOf(person(2))).toBe(8_500)
    expect(await balanceOf(person(3))).toBe(11_500)
  })

  it('answers a retry with the first transfer and refuses a reused id', async () => {
    await get(person(4), '/account')
    await get(person(5), '/account')
    const request = {
      id: randomUUID(),
      to: person(5),
      amount: 100,
      description: 'once',
    }
    const first = await send(person(4), request)
    const retry = await send(person(4), request)
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(200)
    expect(retry.json()).toEqual({ ...first.json(), created: false })
    const reused = await send(person(4), { ...request, amount: 101 })
    expect(reused.statusCode).toBe(409)
    expect(codeOf(reused)).toBe('TRANSFER_ID_REUSED')
    expect(await balanceOf(person(4))).toBe(9_900)
  })

  it('needs openRecipient for someone without an account', async () => {
    await get(person(6), '/account')
    const request = {
      id: randomUUID(),
      to: person(7),
      amount: 200,
      description: '',
    }
    const refused = await send(person(6), request)
    expect(refused.statusCode).toBe(404)
    expect(codeOf(refused)).toBe('RECIPIENT_UNKNOWN')
    expect((await get(person(6), `/recipients/${person(7)}`)).json()).toEqual({
      personalCode: person(7),
      hasAccount: false,
    })
    const sent = await send(person(6), { ...request, openRecipient: true })
    expect(sent.statusCode).toBe(201)
    expect((await get(person(6), `/recipients/${person(7)}`)).json()).toEqual({
      personalCode: person(7),
      hasAccount: true,
    })
  })

  it('refuses a transfer above the signature threshold, moving nothing', async () => {
    await get(person(8), '/account')
    await get(person(9), '/account')
    const response = await send(person(8), {
      id: randomUUID(),
      to: person(9),
      amount: THRESHOLD + 1,
      description: 'big',
    })
    expect(response.statusCode).toBe(403)
    expect(codeOf(response)).toBe('SIGNATURE_REQUIRED')
    expect(await balanceOf(person(8))).toBe(10_000)
    const atThreshold = await send(person(8), {
      id: randomUUID(),
      to: person(9),
      amount: THRESHOLD,
      description: 'just fits',
    })
    expect(atThreshold.statusCode).toBe(201)
  })

  it('answers each bad transfer with the ledger’s stable code', async () => {
    await get(person(10), '/account')
    const base = {
      id: randomUUID(),
      to: person(11),
      amount: 1,
      description: 'x',
      openRecipient: true,
    }
    const cases: [object, number, string][] = [
      [{ ...base, id: 'not-a-uuid' }, 400, 'TRANSFER_ID_INVALID'],
      [{ ...base, to: '60001019907' }, 400, 'PERSONAL_CODE_INVALID'],
      [{ ...base, to: person(10) }, 400, 'SELF_TRANSFER'],
      [{ ...base, amount: 0 }, 400, 'AMOUNT_INVALID'],
      [{ ...base, amount: 1.5 }, 400, 'AMOUNT_INVALID'],
      [{ ...base, amount: '1' }, 400, 'AMOUNT_INVALID'],
      [{ ...base, description: 'x'.repeat(141) }, 400, 'DESCRIPTION_INVALID'],
      [{ ...base, openRecipient: 'yes' }, 400, 'REQUEST_INVALID'],
      [{ ...base, amount: 4_000 }, 201, ''],
      [{ ...base, id: randomUUID(), amount: 4_000 }, 201, ''],
      [{ ...base, id: randomUUID(), amount: 4_000 }, 409, 'INSUFFICIENT_FUNDS'],
    ]
    for (const [payload, status, code] of cases) {
      const response = await send(person(10), payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(status)
      if (code) expect(codeOf(response)).toBe(code)
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/transfers',
      headers: { ...as(person(10)), 'content-type': 'application/json' },
      payload: '{',
    })
    expect(notJson.statusCode).toBe(400)
    expect(codeOf(notJson)).toBe('REQUEST_INVALID')
    expect(await balanceOf(person(10))).toBe(2_000)
  })

  it('pages the history newest first with a next cursor', async () => {
    await get(person(12), '/account')
    for (let i = 1; i <= 4; i++) {
      await send(person(12), {
        id: randomUUID(),
        to: person(13),
        amount: i,
        description: `#${i}`,
        openRecipient: true,
      })
    }
    const first = (await get(person(12), '/history?limit=3')).json()
    expect(first.entries.map((e: { amount: number }) => e.amount)).toEqual([
      -4, -3, -2,
    ])
    expect(first.next).toBe(3)
    const rest = (
      await get(person(12), `/history?limit=3&before=${first.next}`)
    ).json()
    expect(rest.entries.map((e: { amount: number }) => e.amount)).toEqual([
      -1, 10_000,
    ])
    expect(rest.next).toBeNull()
    for (const query of ['limit=0', 'limit=abc', 'limit=101', 'before=-1']) {
      const response = await get(person(12), `/history?${query}`)
      expect(response.statusCode, query).toBe(400)
      expect(codeOf(response)).toBe('PAGING_INVALID')
    }
  })

  it('gives the user’s statement of a month and refuses a bad month', async () => {
    await get(person(14), '/account')
    const now = new Date()
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Tallinn',
      year: 'numeric',
      month: '2-digit',
    }).format(now)
    const statement = await get(person(14), `/statements/${month}`)
    expect(statement.statusCode).toBe(200)
    expect(statement.json()).toMatchObject({
      month,
      openingBalance: 0,
      closingBalance: 10_000,
    })
    const bad = await get(person(14), '/statements/2026-13')
    expect(bad.statusCode).toBe(400)
    expect(codeOf(bad)).toBe('MONTH_INVALID')
  })

  it('describes exactly its operations at /openapi.json', async () => {
    const response = await app.inject({ url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(LEDGER_OPENAPI)))
    const described = openApiEndpoints(LEDGER_OPENAPI)
    for (const { method, path } of described) {
      const url = path.replace('*', person(1))
      const answer = await app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: as(person(15)),
        payload: method === 'POST' ? {} : undefined,
      })
      expect(codeOf(answer), `${method} ${path}`).not.toBe('NOT_FOUND')
    }
    expect(codeOf(await get(person(15), '/nothing'))).toBe('NOT_FOUND')
  })

  it('pays the monthly grant when its host starts', async () => {
    await get(person(16), '/account')
    const host = hostLedgerService({
      db,
      settings: { welcomeGrant: 0, monthlyGrant: 25, signatureThreshold: 0 },
      log,
    })
    try {
      await expect
        .poll(() => balanceOf(person(16)), { timeout: 10_000 })
        .toBe(10_025)
      const refused = await host.inject({
        method: 'POST',
        url: '/transfers',
        headers: as(person(16)),
        payload: {
          id: randomUUID(),
          to: person(1),
          amount: 1,
          description: '',
        },
      })
      expect(codeOf(refused)).toBe('SIGNATURE_REQUIRED')
    } finally {
      await host.close()
    }
  })
})
