import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { openAccount } from './grants.ts'
import { accountHistory } from './history.ts'
import { ledgerProblems } from './invariants.ts'
import { openLedgerDatabase, person } from './ledgerTestKit.ts'
import { monthlyStatement } from './statement.ts'
import { transfer } from './transfer.ts'

const ANNA = person(11)
const BORIS = person(12)

describe.each(testDatabases())('statements and history on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>

  const pay = (at: string, amount: number, description: string) =>
    transfer(
      db,
      { id: randomUUID(), from: ANNA, to: BORIS, amount, description },
      () => new Date(at),
    )

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
    await openAccount(db, ANNA, { now: () => new Date('2026-11-15T08:00:00Z') })
    // 23:59:59.999 on 30 November in Tallinn, then its midnight.
    await pay('2026-11-30T21:59:59.999Z', 1_000, 'last of November')
    await pay('2026-11-30T22:00:00.000Z', 2_000, 'first of December')
    await pay('2026-12-31T21:59:59.000Z', 500, 'last of December')
    await pay('2026-12-31T22:00:00.000Z', 100, 'first of January')
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(() => close())

  it('opens and closes a month by Tallinn’s calendar', async () => {
    const november = await monthlyStatement(db, ANNA, '2026-11')
    expect(november).toMatchObject({
      month: '2026-11',
      start: new Date('2026-10-31T22:00:00Z'),
      end: new Date('2026-11-30T22:00:00Z'),
      openingBalance: 0,
      closingBalance: 9_000,
    })
    expect(november.entries.map((e) => [e.amount, e.description])).toEqual([
      [10_000, 'Welcome grant'],
      [-1_000, 'last of November'],
    ])

    const december = await monthlyStatement(db, ANNA, '2026-12')
    expect(december.openingBalance).toBe(9_000)
    expect(december.entries.map((e) => e.amount)).toEqual([-2_000, -500])
    expect(december.closingBalance).toBe(6_500)
  })

  it('shows the recipient’s side with the counterparty', async () => {
    const december = await monthlyStatement(db, BORIS, '2026-12')
    expect(december.openingBalance).toBe(1_000)
    expect(december.closingBalance).toBe(3_500)
    expect(december.entries[0]).toMatchObject({
      counterparty: ANNA,
      amount: 2_000,
      balanceAfter: 3_000,
      createdAt: new Date('2026-11-30T22:00:00.000Z'),
    })
  })

  it('carries the balance through a month without entries', async () => {
    const quiet = await monthlyStatement(db, ANNA, '2027-05')
    expect(quiet).toMatchObject({
      openingBalance: 6_400,
      entries: [],
      closingBalance: 6_400,
    })
  })

  it('gives a person without an account a statement of zeros', async () => {
    expect(await monthlyStatement(db, person(13), '2026-12')).toMatchObject({
      openingBalance: 0,
      entries: [],
      closingBalance: 0,
    })
  })

  it.each(['2026-13', '2026-1', '26-12', ''])(
    'refuses the month %j',
    async (month) => {
      await expect(monthlyStatement(db, ANNA, month)).rejects.toMatchObject({
        code: 'MONTH_INVALID',
      })
    },
  )

  it('pages history newest first with limit and before', async () => {
    const all = await accountHistory(db, ANNA)
    expect(all.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1])
    expect(all[0]).toMatchObject({ amount: -100, balanceAfter: 6_400 })

    const first = await accountHistory(db, ANNA, { limit: 2 })
    expect(first.map((e) => e.seq)).toEqual([5, 4])
    const next = await accountHistory(db, ANNA, { limit: 2, before: 4 })
    expect(next.map((e) => e.seq)).toEqual([3, 2])
    const last = await accountHistory(db, ANNA, { limit: 2, before: 2 })
    expect(last.map((e) => e.seq)).toEqual([1])
    expect(await accountHistory(db, ANNA, { before: 1 })).toEqual([])
  })

  it('links each history entry to the one before it', async () => {
    const entries = await accountHistory(db, BORIS)
    for (const [i, entry] of entries.slice(0, -1).entries()) {
      expect(entry.prevHash).toBe(entries[i + 1]?.hash)
    }
    expect(entries.at(-1)?.prevHash).toBe('0'.repeat(64))
  })

  it('has no history for a person without an account', async () => {
    expect(await accountHistory(db, person(13))).toEqual([])
  })

  it.each([{ limit: 0 }, { limit: 101 }, { limit: 1.5 }, { before: 0 }])(
    'refuses the paging %j',
    async (page) => {
      await expect(accountHistory(db, ANNA, page)).rejects.toMatchObject({
        code: 'PAGING_INVALID',
      })
    },
  )
})
