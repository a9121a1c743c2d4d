import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { findAccount } from './accounts.ts'
import { LedgerError, type LedgerErrorCode } from './errors.ts'
import { entryHash } from './entryHash.ts'
import { accountHistory } from './history.ts'
import { ledgerProblems } from './invariants.ts'
import { fund, openLedgerDatabase, person } from './ledgerTestKit.ts'
import { transfer } from './transfer.ts'
import { welcomeGrantId } from './transferId.ts'

const ALICE = person(1)
const BOB = person(2)
const CAROL = person(3)

async function refusal(promise: Promise<unknown>): Promise<LedgerErrorCode> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof LedgerError)) {
    throw new Error(`Expected a LedgerError, got ${String(error)}`)
  }
  return error.code
}

async function count(db: Kysely<unknown>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)}
  `.execute(db)
  return Number(rows[0]?.n)
}

describe.each(testDatabases())('ledger transfers on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
    await fund(db, ALICE, 10_000)
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(() => close())

  const send = (fields: Partial<Record<string, unknown>> = {}) =>
    transfer(db, {
      id: randomUUID(),
      from: ALICE,
      to: BOB,
      amount: 100,
      description: 'Lunch',
      ...fields,
    })

  it('moves cents from the sender to a recipient whose account opens on first use', async () => {
    expect(await findAccount(db, BOB)).toBeUndefined()
    const id = randomUUID()
    const result = await send({ id, amount: 250, description: 'Lõuna 🍲' })

    expect(result.created).toBe(true)
    expect(result.transfer).toMatchObject({
      id,
      from: ALICE,
      to: BOB,
      amount: 250,
      description: 'Lõuna 🍲',
    })
    expect((await findAccount(db, ALICE))?.balance).toBe(9_750)
    expect((await findAccount(db, BOB))?.balance).toBe(250)
    const [credit] = await accountHistory(db, BOB)
    expect(credit).toMatchObject({
      seq: 1,
      transferId: id,
      counterparty: ALICE,
      amount: 250,
      balanceAfter: 250,
    })
  })

  it('answers a retry with the first result and writes nothing more', async () => {
    const id = randomUUID()
    const first = await send({ id })
    const before = await count(db, 'estcoin_entries')
    const retry = await send({ id: id.toUpperCase() })

    expect(retry).toEqual({ transfer: first.transfer, created: false })
    expect(await count(db, 'estcoin_entries')).toBe(before)
  })

  it('answers a retry with the first result after the balance was spent', async () => {
    await fund(db, CAROL, 500)
    const id = randomUUID()
    const first = await transfer(db, {
      id,
      from: CAROL,
      to: BOB,
      amount: 500,
      description: '',
    })
    const retry = await transfer(db, {
      id,
      from: CAROL,
      to: BOB,
      amount: 500,
      description: '',
    })
    expect(retry).toEqual({ transfer: first.transfer, created: false })
    expect((await findAccount(db, CAROL))?.balance).toBe(0)
  })

  it.each([
    ['recipient', { to: CAROL }],
    ['sender', { from: CAROL, to: ALICE }],
    ['amount', { amount: 101 }],
    ['description', { description: 'Dinner' }],
  ])('refuses an id reused with another %s', async (_field, changed) => {
    const id = randomUUID()
    await send({ id })
    expect(await refusal(send({ id, ...changed }))).toBe('TRANSFER_ID_REUSED')
  })

  it('refuses a spend the balance does not cover and writes nothing', async () => {
    const balance = (await findAccount(db, ALICE))?.balance ?? 0
    const entries = await count(db, 'estcoin_entries')
    expect(await refusal(send({ amount: balance + 1 }))).toBe(
      'INSUFFICIENT_FUNDS',
    )
    expect((await findAccount(db, ALICE))?.balance).toBe(balance)
    expect(await count(db, 'estcoin_entries')).toBe(entries)
  })

  it('refuses a sender who has no account without opening one', async () => {
    const stranger = person(900)
    expect(await refusal(send({ from: stranger }))).toBe('INSUFFICIENT_FUNDS')
    expect(await findAccount(db, stranger)).toBeUndefined()
  })

  it.each<[string, Record<string, unknown>, LedgerErrorCode]>([
    ['a transfer to oneself', { to: ALICE }, 'SELF_TRANSFER'],
    ['a zero amount', { amount: 0 }, 'AMOUNT_INVALID'],
    ['a negative amount', { amount: -5 }, 'AMOUNT_INVALID'],
    ['a fractional amount', { amount: 1.5 }, 'AMOUNT_INVALID'],
    ['an amount as text', { amount: '100' }, 'AMOUNT_INVALID'],
    ['an unsafe amount', { amount: 2 ** 53 }, 'AMOUNT_INVALID'],
    ['a malformed id', { id: 'not-a-uuid' }, 'TRANSFER_ID_INVALID'],
    ['a grant’s id', { id: welcomeGrantId(BOB) }, 'TRANSFER_ID_INVALID'],
    [
      'an invalid personal code',
      { to: '12345678901' },
      'PERSONAL_CODE_INVALID',
    ],
    ['the treasury as sender', { from: 'treasury' }, 'PERSONAL_CODE_INVALID'],
    [
      'a long description',
      { description: 'x'.repeat(141) },
      'DESCRIPTION_INVALID',
    ],
    ['a control character', { description: 'a\nb' }, 'DESCRIPTION_INVALID'],
    ['a lone surrogate', { description: '\uD800' }, 'DESCRIPTION_INVALID'],
    [
      'a missing description',
      { description: undefined },
      'DESCRIPTION_INVALID',
    ],
  ])('refuses %s', async (_case, fields, code) => {
    expect(await refusal(send(fields))).toBe(code)
  })

  it('writes the hash the browser recomputes, whatever the description', async () => {
    const description = 'Ta ütles "tere" \\ / 🍲\u2028 <b>&amp;'
    const { transfer: made } = await send({ description })
    const [entry] = await accountHistory(db, ALICE, { limit: 1 })
    expect(entry?.transferId).toBe(made.id)
    expect(entry?.hash).toBe(
      entryHash({
        account: ALICE,
        seq: entry?.seq ?? 0,
        transferId: made.id,
        counterparty: BOB,
        amount: -100,
        balanceAfter: entry?.balanceAfter ?? 0,
        description,
        createdAt: made.createdAt,
        prevHash: entry?.prevHash ?? '',
      }),
    )
  })

  it('accepts a description of 140 characters', async () => {
    const result = await send({ description: '€'.repeat(140) })
    expect(result.transfer.description).toHaveLength(140)
  })

  it.each([
    ['UPDATE estcoin_transfers SET amount = amount + 1'],
    ['DELETE FROM estcoin_transfers'],
    ['TRUNCATE estcoin_transfers CASCADE'],
    ['UPDATE estcoin_entries SET amount = amount + 1'],
    ['DELETE FROM estcoin_entries'],
    ['TRUNCATE estcoin_entries'],
  ])('the database refuses %s', async (statement) => {
    await expect(sql.raw(statement).execute(db)).rejects.toThrow(/append-only/)
  })

  it('the database refuses a person’s balance below zero', async () => {
    await expect(
      sql`UPDATE estcoin_accounts SET balance = -1 WHERE owner = ${BOB}`.execute(
        db,
      ),
    ).rejects.toThrow(/estcoin_accounts_not_negative/)
  })

  it('the invariant check notices an altered entry', async () => {
    await sql`ALTER TABLE estcoin_entries DISABLE TRIGGER USER`.execute(db)
    try {
      await sql`
        UPDATE estcoin_entries SET amount = amount + 1
        WHERE seq = 1 AND account_id =
          (SELECT id FROM estcoin_accounts WHERE owner = ${BOB})
      `.execute(db)
      const problems = await ledgerProblems(db)
      expect(problems).toContain(
        `account ${BOB}: entry 1 hash does not match its fields`,
      )
      expect(problems.some((p) => p.includes('lacks its debit'))).toBe(true)
    } finally {
      await sql`
        UPDATE estcoin_entries SET amount = amount - 1
        WHERE seq = 1 AND account_id =
          (SELECT id FROM estcoin_accounts WHERE owner = ${BOB})
      `.execute(db)
      await sql`ALTER TABLE estcoin_entries ENABLE TRIGGER USER`.execute(db)
    }
  })
})
