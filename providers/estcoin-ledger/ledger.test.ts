import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { ledgerProblems } from './invariants.ts'
import { createLedger, type Ledger } from './ledger.ts'
import { openLedgerDatabase, person } from './ledgerTestKit.ts'

describe.each(testDatabases())('a configured ledger on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>
  let ledger: Ledger
  const clock = new Date('2026-12-10T09:00:00Z')

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
    ledger = createLedger({
      db,
      welcomeGrant: 700,
      monthlyGrant: 30,
      now: () => clock,
    })
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(() => close())

  it('grants, transfers and reports with its own settings and clock', async () => {
    await ledger.openAccount(person(21))
    const { transfer } = await ledger.transfer({
      id: randomUUID(),
      from: person(21),
      to: person(22),
      amount: 200,
      description: 'gift',
    })
    expect(transfer.createdAt).toEqual(clock)
    expect(await ledger.runMonthlyGrant()).toEqual({
      month: '2026-12',
      granted: 2,
      status: 'done',
    })

    expect((await ledger.account(person(21)))?.balance).toBe(530)
    expect((await ledger.account(person(22)))?.balance).toBe(230)
    const history = await ledger.history(person(22), { limit: 1 })
    expect(history.map((e) => e.description)).toEqual([
      'Community grant 2026-12',
    ])
    const statement = await ledger.statement(person(21), '2026-12')
    expect(statement.entries.map((e) => e.amount)).toEqual([700, -200, 30])
  })

  it('grants nothing monthly unless configured', async () => {
    const plain = createLedger({ db, now: () => clock })
    expect(await plain.runMonthlyGrant()).toEqual({
      month: '2026-12',
      granted: 0,
      status: 'done',
    })
    const { grant } = await plain.openAccount(person(23))
    expect(grant?.transfer.amount).toBe(10_000)
  })
})
