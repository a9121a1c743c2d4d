import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { ledgerProblems } from '../../providers/estcoin-ledger/invariants.ts'
import { welcomeGrantId } from '../../providers/estcoin-ledger/transferId.ts'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'
import { SANDBOX_LEDGER_SERVICE } from '../../sandbox/estcoin.ts'
import { sessionCookieName } from '../../server/session/sessionPlugin.ts'
import { SessionStore } from '../../server/session/sessionStore.ts'
import { createPostgresDatabase } from '../support/databases.ts'
import { TestIdCard } from '../../sandbox/idCard/testIdCard.ts'
import {
  fetchClient,
  pollPhoneSignIn,
  signInWithMobileId,
  startPhoneSignIn,
  type FetchClient,
} from '../support/residentSignIn.ts'

/** Two Mobile-ID demo residents who sign in (sandbox/population). */
const MARY = { personalCode: '60001019906', phoneNumber: '+37200000766' }
const ELIISE = { personalCode: '60001017869', phoneNumber: '+37268000769' }
/** A resident who never signs in here (the Smart-ID demo account). */
const KAIE = { personalCode: '50001029996' }
const MARY_MASKED = 'M*** Ä** O’C*****-Š***** T*********'
const ELIISE_MASKED = 'E***** T*********'
/** A valid personal code the population register does not know. */
const NOBODY = '39912319997'
const THRESHOLD = 20_000
const PREVIEW_LIMIT = 5
const POLICE = 'ee-dev/GOV/70008747/menetlus'

interface Transfer {
  id: string
  direction: 'in' | 'out'
  counterparty: {
    kind: string
    personalCode: string | null
    maskedName: string | null
  }
  amount: number
  description: string
  balanceAfter: number
}

const engines = [
  { name: 'pglite', env: async () => ({}) },
  ...(inject('postgresUrl')
    ? [
        {
          name: 'postgres',
          env: async () => ({
            DATABASE_URL: await createPostgresDatabase(inject('postgresUrl')),
          }),
        },
      ]
    : []),
]

describe.each(engines)('the wallet over the sandbox on $name', (engine) => {
  let portal: RunningPortal
  let dataDir: string
  let mary: FetchClient
  let eliise: FetchClient

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wallet-test-'))
    portal = await startPortal({
      ...ALL_ON_FREE_PORTS,
      DATA_DIR: dataDir,
      DIST_DIR: '/nonexistent',
      SANDBOX: 'on',
      SANDBOX_SCENARIO_SIZE: '0',
      SANDBOX_MOBILE_ID_DELAY_MS: '100',
      SANDBOX_SMART_ID_DELAY_MS: '100',
      SIGN_IN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'silent',
      ESTCOIN_SIGNATURE_THRESHOLD: String(THRESHOLD),
      WALLET_PREVIEW_RATE_LIMIT: String(PREVIEW_LIMIT),
      ...(await engine.env()),
    })
    mary = fetchClient(portal.url, portal.config.publicOrigin)
    eliise = fetchClient(portal.url, portal.config.publicOrigin)
    await signInWithMobileId(mary, MARY)
    await signInWithMobileId(eliise, ELIISE)
  }, 120_000)

  afterAll(async () => {
    await portal?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const db = () => portal.db as unknown as Kysely<unknown>
  const balanceOf = async (client: FetchClient) => {
    const { status, body } = await client.send('GET', '/api/wallet')
    expect(status).toBe(200)
    return (body as { account: { balance: number } }).account.balance
  }
  const send = (client: FetchClient, body: object) =>
    client.send('POST', '/api/wallet/transfers', body)
  const codeOf = (answer: { body: unknown }) =>
    (answer.body as { error?: { code: string } }).error?.code
  const historyOf = async (client: FetchClient, query = '') => {
    const { status, body } = await client.send(
      'GET',
      `/api/wallet/transfers${query}`,
    )
    expect(status).toBe(200)
    return body as { transfers: Transfer[]; next: number | null }
  }

  const grantsTo = async (code: string) => {
    const { rows } = await sql<{ n: unknown }>`
      SELECT count(*) AS n FROM estcoin_transfers
      WHERE id = ${welcomeGrantId(code)}::uuid
    `.execute(db())
    return Number(rows[0]?.n)
  }

  /** The newest usage-log record about a person, in any register's log. */
  const lastRecordAbout = async (personalCode: string) => {
    const { rows } = await sql<{ record: string }>`
      SELECT record FROM usage_log_record
      WHERE personal_code = ${personalCode}
      ORDER BY logged_at DESC LIMIT 1
    `.execute(db())
    return rows[0] && (JSON.parse(rows[0].record) as Record<string, unknown>)
  }

  it('grants each citizen the welcome grant on their first sign-in, once', async () => {
    // Signing in made it, before the wallet was ever asked.
    expect(await grantsTo(MARY.personalCode)).toBe(1)
    expect(await grantsTo(ELIISE.personalCode)).toBe(1)
    const { status, body } = await mary.send('GET', '/api/wallet')
    expect(status).toBe(200)
    expect(body).toEqual({
      account: {
        personalCode: MARY.personalCode,
        balance: 10_000,
        currency: 'EST',
      },
      signatureThreshold: THRESHOLD,
    })
    // A second sign-in grants nothing more.
    const again = fetchClient(portal.url, portal.config.publicOrigin)
    await signInWithMobileId(again, MARY)
    expect(await balanceOf(again)).toBe(10_000)
    const history = await historyOf(mary)
    expect(history.transfers).toEqual([
      expect.objectContaining({
        id: welcomeGrantId(MARY.personalCode),
        direction: 'in',
        counterparty: {
          kind: 'treasury',
          personalCode: null,
          maskedName: null,
        },
        amount: 10_000,
        balanceAfter: 10_000,
      }),
    ])
    expect(history.next).toBeNull()
  })

  it('grants the welcome grant at Smart-ID and ID-card sign-in too', async () => {
    const sandbox = portal.sandbox
    if (!sandbox) throw new Error('the sandbox did not start')
    const taken = [MARY, ELIISE, KAIE].map((r) => r.personalCode)
    const [bySmartId, byCard] = sandbox.residents
      .demo()
      .filter((r) => !taken.includes(r.personalCode))
    if (!bySmartId || !byCard) throw new Error('too few demo residents')
    expect(await grantsTo(bySmartId.personalCode)).toBe(0)
    expect(await grantsTo(byCard.personalCode)).toBe(0)

    const smart = fetchClient(portal.url, portal.config.publicOrigin)
    const started = await startPhoneSignIn(smart, '/api/auth/smart-id', {
      personalCode: bySmartId.personalCode,
    })
    const done = await pollPhoneSignIn(smart, '/api/auth/smart-id', started.id)
    expect(done.result).toBe('OK')
    expect(await grantsTo(bySmartId.personalCode)).toBe(1)

    const card = await TestIdCard.issue(sandbox.identity.ca, byCard)
    const reader = fetchClient(portal.url, portal.config.publicOrigin)
    const challenge = await reader.send('GET', '/api/auth/web-eid/challenge')
    const { nonce } = challenge.body as { nonce: string }
    const answer = await reader.send('POST', '/api/auth/web-eid', {
      authToken: card.authenticate(nonce, portal.config.publicOrigin),
    })
    expect(answer.status).toBe(200)
    expect(await grantsTo(byCard.personalCode)).toBe(1)
    expect(await balanceOf(reader)).toBe(10_000)
  })

  it('opens the account on the first GET when sign-in did not', async () => {
    // A session made without any sign-in method, so no welcome ran.
    const store = new SessionStore(portal.db)
    const { id } = await store.create({
      ...KAIE,
      givenName: 'KAIE',
      familyName: 'TEST',
      method: 'mobile-id',
      assurance: 'high',
    })
    const cookie = `${sessionCookieName(false)}=${id}`
    const { rows } = await sql<{ n: unknown }>`
      SELECT count(*) AS n FROM estcoin_accounts
      WHERE owner = ${KAIE.personalCode}
    `.execute(db())
    expect(Number(rows[0]?.n)).toBe(0)
    const response = await fetch(`${portal.url}/api/wallet`, {
      headers: { Cookie: cookie },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      account: { personalCode: KAIE.personalCode, balance: 10_000 },
    })
  })

  it('needs a signed-in citizen for every wallet operation', async () => {
    const anonymous = fetchClient(portal.url, portal.config.publicOrigin)
    const calls: [string, string, object?][] = [
      ['GET', '/api/wallet'],
      ['GET', '/api/wallet/transfers'],
      ['GET', '/api/wallet/statements/2026-12'],
      ['POST', '/api/wallet/recipients/preview', { to: ELIISE.personalCode }],
      [
        'POST',
        '/api/wallet/transfers',
        {
          id: randomUUID(),
          to: ELIISE.personalCode,
          amount: 1,
          description: '',
        },
      ],
    ]
    for (const [method, path, body] of calls) {
      const answer = await anonymous.send(method as 'GET', path, body)
      expect(answer.status, path).toBe(401)
      expect(codeOf(answer)).toBe('SIGN_IN_REQUIRED')
    }
  })

  it('lets two citizens send each other EstCoin', async () => {
    const maryBefore = await balanceOf(mary)
    const eliiseBefore = await balanceOf(eliise)
    const sent = await send(mary, {
      id: randomUUID(),
      to: ELIISE.personalCode,
      amount: 1_500,
      description: 'Kohvi eest ☕',
    })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({
      transfer: { to: ELIISE.personalCode, amount: 1_500 },
    })
    const back = await send(eliise, {
      id: randomUUID(),
      to: MARY.personalCode,
      amount: 250,
      description: 'Tagasi',
    })
    expect(back.status).toBe(201)
    expect(await balanceOf(mary)).toBe(maryBefore - 1_500 + 250)
    expect(await balanceOf(eliise)).toBe(eliiseBefore + 1_500 - 250)

    const [latest, previous] = (await historyOf(mary, '?limit=2')).transfers
    expect(latest).toMatchObject({
      direction: 'in',
      amount: 250,
      description: 'Tagasi',
      counterparty: {
        kind: 'person',
        personalCode: ELIISE.personalCode,
        maskedName: ELIISE_MASKED,
      },
      balanceAfter: maryBefore - 1_500 + 250,
    })
    expect(previous).toMatchObject({
      direction: 'out',
      amount: 1_500,
      description: 'Kohvi eest ☕',
    })
    const theirs = (await historyOf(eliise, '?limit=1')).transfers[0]
    expect(theirs?.counterparty.maskedName).toBe(MARY_MASKED)
    expect(await ledgerProblems(db())).toEqual([])
  })

  it('pages the history with next and gives the month’s statement', async () => {
    const first = await historyOf(mary, '?limit=1')
    expect(first.transfers).toHaveLength(1)
    expect(first.next).toEqual(expect.any(Number))
    const second = await historyOf(mary, `?limit=1&before=${first.next}`)
    expect(second.transfers[0]?.id).not.toBe(first.transfers[0]?.id)
    const month = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Tallinn',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date())
    const statement = await mary.send('GET', `/api/wallet/statements/${month}`)
    expect(statement.status).toBe(200)
    const body = statement.body as {
      month: string
      openingBalance: number
      closingBalance: number
      transfers: Transfer[]
    }
    expect(body.month).toBe(month)
    expect(body.openingBalance).toBe(0)
    expect(body.closingBalance).toBe(await balanceOf(mary))
    expect(body.transfers[0]?.id).toBe(welcomeGrantId(MARY.personalCode))
    for (const [path, code] of [
      ['/api/wallet/statements/2026-13', 'MONTH_INVALID'],
      ['/api/wallet/statements/december', 'VALIDATION_FAILED'],
      ['/api/wallet/transfers?limit=0', 'VALIDATION_FAILED'],
    ] as const) {
      const answer = await mary.send('GET', path)
      expect(answer.status, path).toBe(400)
      expect(codeOf(answer)).toBe(code)
    }
  })

  it('previews a recipient’s masked name and shows it in their Data Tracker', async () => {
    const portalReads = async (client: FetchClient) => {
      const { body } = await client.send('GET', '/api/tracker/usages')
      return (
        body as { usages: { action: string; byPortal: boolean }[] }
      ).usages.filter((u) => u.byPortal && u.action === 'persons.read').length
    }
    const before = await portalReads(mary)
    const preview = await eliise.send(
      'POST',
      '/api/wallet/recipients/preview',
      {
        to: MARY.personalCode,
      },
    )
    expect(preview).toEqual({
      status: 200,
      body: { to: MARY.personalCode, maskedName: MARY_MASKED },
    })
    expect(await portalReads(mary)).toBe(before + 1)
    expect(await lastRecordAbout(MARY.personalCode)).toMatchObject({
      who: { official: `EE${ELIISE.personalCode}` },
      why: 'ESTCOIN_RECIPIENT_CHECK',
    })

    const unknown = await eliise.send(
      'POST',
      '/api/wallet/recipients/preview',
      {
        to: NOBODY,
      },
    )
    expect(unknown.status).toBe(404)
    expect(codeOf(unknown)).toBe('RECIPIENT_UNKNOWN')
  })

  it('refuses bad transfers with stable codes and moves nothing', async () => {
    const before = await balanceOf(mary)
    const ok = {
      id: randomUUID(),
      to: ELIISE.personalCode,
      amount: 100,
      description: 'test',
    }
    const cases: [object, number, string][] = [
      [{ ...ok, to: NOBODY }, 404, 'RECIPIENT_UNKNOWN'],
      [{ ...ok, to: MARY.personalCode }, 400, 'SELF_TRANSFER'],
      [{ ...ok, to: '60001019907' }, 400, 'PERSONAL_CODE_INVALID'],
      [{ ...ok, amount: 0 }, 400, 'AMOUNT_INVALID'],
      [{ ...ok, amount: -5 }, 400, 'AMOUNT_INVALID'],
      [{ ...ok, amount: 1.5 }, 400, 'AMOUNT_INVALID'],
      [{ ...ok, amount: '100' }, 400, 'AMOUNT_INVALID'],
      [{ ...ok, id: 'first' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, description: 'x'.repeat(141) }, 400, 'VALIDATION_FAILED'],
      [
        { ...ok, id: welcomeGrantId(ELIISE.personalCode) },
        400,
        'TRANSFER_ID_INVALID',
      ],
      [{ ...ok, amount: THRESHOLD + 1 }, 403, 'SIGNATURE_REQUIRED'],
      [{ ...ok, amount: before + 1 }, 409, 'INSUFFICIENT_FUNDS'],
    ]
    for (const [body, status, code] of cases) {
      const answer = await send(mary, body)
      expect(answer.status, JSON.stringify(body)).toBe(status)
      expect(codeOf(answer), JSON.stringify(body)).toBe(code)
    }
    expect(await balanceOf(mary)).toBe(before)
    const reused = { ...ok, id: randomUUID() }
    expect((await send(mary, reused)).status).toBe(201)
    const other = await send(mary, { ...reused, amount: 101 })
    expect(other.status).toBe(409)
    expect(codeOf(other)).toBe('TRANSFER_ID_REUSED')
    expect(await balanceOf(mary)).toBe(before - 100)
  })

  it('opens the account of a recipient the register knows on their first transfer', async () => {
    const { rows } = await sql<{ personal_code: string }>`
      SELECT p.personal_code FROM sandbox_person p
      WHERE NOT EXISTS (
        SELECT 1 FROM estcoin_accounts a WHERE a.owner = p.personal_code)
      ORDER BY p.personal_code LIMIT 1
    `.execute(db())
    const stranger = rows[0]?.personal_code ?? ''
    const answer = await send(mary, {
      id: randomUUID(),
      to: stranger,
      amount: 10,
      description: 'welcome',
    })
    expect(answer.status).toBe(201)
    expect((await lastRecordAbout(stranger))?.why).toBe('ESTCOIN_TRANSFER')
  })

  it('makes one transfer of many concurrent submissions of one id', async () => {
    const before = await balanceOf(mary)
    const request = {
      id: randomUUID(),
      to: ELIISE.personalCode,
      amount: 7,
      description: 'once only',
    }
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => send(mary, request)),
    )
    const statuses = answers.map((a) => a.status).sort((a, b) => a - b)
    expect(statuses).toEqual([...Array<number>(15).fill(200), 201])
    const ids = new Set(
      answers.map((a) => (a.body as { transfer: { id: string } }).transfer.id),
    )
    expect([...ids]).toEqual([request.id])
    expect(await balanceOf(mary)).toBe(before - 7)
    const { rows } = await sql<{ n: unknown }>`
      SELECT count(*) AS n FROM estcoin_transfers WHERE id = ${request.id}::uuid
    `.execute(db())
    expect(Number(rows[0]?.n)).toBe(1)
    expect(await ledgerProblems(db())).toEqual([])
  })

  it('lets exactly one of 16 concurrent whole-balance spends through', async () => {
    const balance = await balanceOf(mary)
    const eliiseBefore = await balanceOf(eliise)
    expect(balance).toBeGreaterThan(0)
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        send(mary, {
          id: randomUUID(),
          to: ELIISE.personalCode,
          amount: balance,
          description: 'all of it',
        }),
      ),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    const refused = answers.filter((a) => a.status !== 201)
    expect(refused.map(codeOf)).toEqual(
      Array<string>(15).fill('INSUFFICIENT_FUNDS'),
    )
    expect(await balanceOf(mary)).toBe(0)
    expect(await balanceOf(eliise)).toBe(eliiseBefore + balance)
    expect(await ledgerProblems(db())).toEqual([])
  })

  it('never lets one citizen read or spend another’s account', async () => {
    const eliiseBefore = await balanceOf(eliise)
    // Nothing a request names selects another account.
    const read = await mary.send(
      'GET',
      `/api/wallet?personalCode=${ELIISE.personalCode}`,
    )
    expect(read.body).toMatchObject({
      account: { personalCode: MARY.personalCode, balance: 0 },
    })
    // The sender is always the signed-in citizen: a `from` is dropped, so
    // "from Eliise to Mary" is Mary paying herself.
    const spend = await send(mary, {
      id: randomUUID(),
      from: ELIISE.personalCode,
      to: MARY.personalCode,
      amount: 1,
      description: '',
    })
    expect(spend.status).toBe(400)
    expect(codeOf(spend)).toBe('SELF_TRANSFER')
    expect(await balanceOf(eliise)).toBe(eliiseBefore)
    for (const transfer of (await historyOf(mary, '?limit=100')).transfers) {
      expect(transfer.counterparty.personalCode).not.toBe(MARY.personalCode)
    }
    // Only the portal may call the ledger at all.
    const direct = await fetch(
      `${portal.sandbox?.xroadEeUrl}/r1/${SANDBOX_LEDGER_SERVICE}/account`,
      {
        headers: {
          'X-Road-Client': POLICE,
          'X-Road-UserId': `EE${ELIISE.personalCode}`,
          'X-Road-Issue': 'curious',
        },
      },
    )
    expect(direct.status).toBe(403)
    expect(JSON.stringify(await direct.json())).not.toContain('balance')
  })

  it('limits recipient previews per citizen with 429 and Retry-After', async () => {
    const answers = []
    for (let i = 0; i < 2 * PREVIEW_LIMIT + 2; i++) {
      answers.push(
        await fetch(`${portal.url}/api/wallet/recipients/preview`, {
          method: 'POST',
          headers: {
            Origin: portal.config.publicOrigin,
            Cookie: mary.cookieHeader(),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ to: ELIISE.personalCode }),
        }),
      )
    }
    const limited = answers.filter((a) => a.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(
      ((await limited[0]?.json()) as { error: { code: string } }).error.code,
    ).toBe('RATE_LIMITED')
    // Eliise has her own count.
    const hers = await eliise.send('POST', '/api/wallet/recipients/preview', {
      to: MARY.personalCode,
    })
    expect(hers.status).toBe(200)
  })
})
