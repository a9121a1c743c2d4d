import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { findAccount } from './accounts.ts'
import { MONTHLY_GRANT_LOCK, openAccount, runMonthlyGrant } from './grants.ts'
import { ledgerProblems } from './invariants.ts'
import { openLedgerDatabase, person } from './ledgerTestKit.ts'
import { transfer } from './transfer.ts'
import { welcomeGrantId } from './transferId.ts'

async function personAccounts(db: Kysely<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM estcoin_accounts WHERE owner <> 'treasury'
  `.execute(db)
  return Number(rows[0]?.n)
}

describe.each(testDatabases())('treasury grants on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>
  let clock = new Date('2026-12-05T10:00:00Z')
  const now = () => clock

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(() => close())

  it('grants 100.00 EST on first sign-in unless configured otherwise', async () => {
    const { account, grant } = await openAccount(db, person(1), { now })
    expect(account.balance).toBe(10_000)
    expect(grant?.created).toBe(true)
    expect(grant?.transfer).toMatchObject({
      id: welcomeGrantId(person(1)),
      from: 'treasury',
      to: person(1),
      amount: 10_000,
    })
  })

  it('grants once per person however many sign-ins arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        openAccount(db, person(2), { welcomeGrant: 2_500, now }),
      ),
    )
    expect(results.filter((r) => r.grant?.created)).toHaveLength(1)
    expect(new Set(results.map((r) => r.grant?.transfer.id))).toEqual(
      new Set([welcomeGrantId(person(2))]),
    )
    const again = await openAccount(db, person(2), { welcomeGrant: 2_500 })
    expect(again.grant?.created).toBe(false)
    expect(again.account.balance).toBe(2_500)
  })

  it('grants on first sign-in to someone whose account opened when paid', async () => {
    await transfer(
      db,
      {
        id: randomUUID(),
        from: person(1),
        to: person(3),
        amount: 40,
        description: '',
      },
      now,
    )
    const { account } = await openAccount(db, person(3), { now })
    expect(account.balance).toBe(10_040)
  })

  it('opens the account without a grant when the grant is 0', async () => {
    const { account, grant } = await openAccount(db, person(4), {
      welcomeGrant: 0,
    })
    expect(grant).toBeUndefined()
    expect(account.balance).toBe(0)
  })

  it('refuses an invalid personal code', async () => {
    await expect(openAccount(db, '1234')).rejects.toMatchObject({
      code: 'PERSONAL_CODE_INVALID',
    })
  })

  it('pays the community grant once per account and Tallinn month', async () => {
    const people = await personAccounts(db)
    const before = (await findAccount(db, person(4)))?.balance ?? 0

    const first = await runMonthlyGrant(db, { amount: 500, now })
    expect(first).toEqual({ month: '2026-12', granted: people, status: 'done' })
    const second = await runMonthlyGrant(db, { amount: 500, now })
    expect(second).toEqual({ month: '2026-12', granted: 0, status: 'done' })

    await openAccount(db, person(5), { welcomeGrant: 0, now })
    const later = await runMonthlyGrant(db, { amount: 500, now })
    expect(later.granted).toBe(1)
    expect((await findAccount(db, person(4)))?.balance).toBe(before + 500)

    // Midnight of 1 January in Tallinn is 22:00 UTC on 31 December.
    clock = new Date('2026-12-31T21:59:59.999Z')
    expect((await runMonthlyGrant(db, { amount: 500, now })).granted).toBe(0)
    clock = new Date('2026-12-31T22:00:00.000Z')
    const january = await runMonthlyGrant(db, { amount: 500, now })
    expect(january).toEqual({
      month: '2027-01',
      granted: people + 1,
      status: 'done',
    })
    expect((await findAccount(db, person(4)))?.balance).toBe(before + 1_000)
  })

  it('pays accounts in batches past the first', async () => {
    for (let i = 0; i < 450; i++) {
      await openAccount(db, person(100 + i), { welcomeGrant: 0, now })
    }
    clock = new Date('2027-02-10T12:00:00Z')
    const run = await runMonthlyGrant(db, { amount: 1, now })
    expect(run.granted).toBe(await personAccounts(db))
    expect((await findAccount(db, person(549)))?.balance).toBe(1)
  })

  // PGlite has one connection: no second instance can hold the lock there.
  if (engine.name === 'postgres') {
    it('leaves the month to the instance holding the advisory lock', async () => {
      clock = new Date('2027-03-10T12:00:00Z')
      let release = () => {}
      let locked = () => {}
      const held = new Promise<void>((r) => (release = r))
      const isLocked = new Promise<void>((r) => (locked = r))
      const holder = db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${MONTHLY_GRANT_LOCK}::bigint)`.execute(
          trx,
        )
        locked()
        await held
      })
      await isLocked
      try {
        expect(await runMonthlyGrant(db, { amount: 1, now })).toEqual({
          month: '2027-03',
          granted: 0,
          status: 'busy',
        })
      } finally {
        release()
        await holder
      }
      const run = await runMonthlyGrant(db, { amount: 1, now })
      expect(run.granted).toBe(await personAccounts(db))
    })
  }
})
