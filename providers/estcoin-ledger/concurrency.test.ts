import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { findAccount } from './accounts.ts'
import { openAccount } from './grants.ts'
import { LedgerError } from './errors.ts'
import { ledgerProblems } from './invariants.ts'
import { fund, openLedgerDatabase, person } from './ledgerTestKit.ts'
import { transfer } from './transfer.ts'

const AT_ONCE = 64

/** Settles every promise; sorts outcomes into results and error codes. */
async function settle<T>(promises: Promise<T>[]) {
  const outcomes = await Promise.allSettled(promises)
  const results = outcomes.flatMap((o) =>
    o.status === 'fulfilled' ? [o.value] : [],
  )
  const codes = outcomes.flatMap((o) =>
    o.status === 'rejected'
      ? [o.reason instanceof LedgerError ? o.reason.code : String(o.reason)]
      : [],
  )
  return { results, codes }
}

async function transferCount(db: Kysely<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM estcoin_transfers
  `.execute(db)
  return Number(rows[0]?.n)
}

describe.each(testDatabases())(
  'ledger under concurrency on $name',
  (engine) => {
    let db: Kysely<unknown>
    let close: () => Promise<void>
    let next = 100

    beforeAll(async () => {
      ;({ db, close } = await openLedgerDatabase(engine))
      // Connect the whole pool now: connecting during a test would space
      // the concurrent calls out and hide races.
      await Promise.all(
        Array.from({ length: 10 }, () =>
          sql`SELECT pg_sleep(0.05)`.execute(db),
        ),
      )
    })
    afterEach(async () => {
      expect(await ledgerProblems(db)).toEqual([])
    })
    afterAll(() => close())

    it(`lets exactly one of ${AT_ONCE} concurrent spends of one balance through`, async () => {
      const spender = person(next++)
      await fund(db, spender, 1_000)
      const recipients = Array.from({ length: AT_ONCE }, () => person(next++))
      // Open their accounts first, so all spends race for the one balance.
      for (const to of recipients) {
        await openAccount(db, to, { welcomeGrant: 0 })
      }

      const { results, codes } = await settle(
        recipients.map((to) =>
          transfer(db, {
            id: randomUUID(),
            from: spender,
            to,
            amount: 700,
            description: 'double spend',
          }),
        ),
      )

      expect(results).toHaveLength(1)
      expect(codes).toEqual(Array(AT_ONCE - 1).fill('INSUFFICIENT_FUNDS'))
      expect((await findAccount(db, spender))?.balance).toBe(300)
    })

    it(`makes one transfer of ${AT_ONCE} concurrent submissions of one id`, async () => {
      const sender = person(next++)
      const recipient = person(next++)
      await fund(db, sender, 1_000)
      const before = await transferCount(db)
      const request = {
        id: randomUUID(),
        from: sender,
        to: recipient,
        amount: 10,
        description: 'once',
      }

      const { results, codes } = await settle(
        Array.from({ length: AT_ONCE }, () => transfer(db, request)),
      )

      expect(codes).toEqual([])
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const first = results.find((r) => r.created)?.transfer
      expect(
        results.every(
          (r) => r.transfer.createdAt.getTime() === first?.createdAt.getTime(),
        ),
      ).toBe(true)
      expect(await transferCount(db)).toBe(before + 1)
      expect((await findAccount(db, recipient))?.balance).toBe(10)
    })

    it('refuses all but one of concurrent submissions of one id between other people', async () => {
      // No two share an account, so only the transfer id orders them.
      const senders = Array.from({ length: 16 }, () => person(next++))
      for (const sender of senders) await fund(db, sender, 100)
      const before = await transferCount(db)
      const id = randomUUID()

      const { results, codes } = await settle(
        senders.map((from) =>
          transfer(db, {
            id,
            from,
            to: person(next++),
            amount: 5,
            description: '',
          }),
        ),
      )

      expect(results).toHaveLength(1)
      expect(codes).toEqual(Array(15).fill('TRANSFER_ID_REUSED'))
      expect(await transferCount(db)).toBe(before + 1)
    })

    it('completes crossing transfers between the same accounts without deadlock', async () => {
      const people = Array.from({ length: 4 }, () => person(next++))
      for (const p of people) await fund(db, p, 1_000)

      // Every ordered pair, many times, some to accounts not yet opened.
      const newcomers = Array.from({ length: 4 }, () => person(next++))
      const requests = Array.from({ length: 96 }, (_, i) => ({
        id: randomUUID(),
        from: people[i % 4] ?? '',
        to:
          i % 5 === 0
            ? (newcomers[i % 4] ?? '')
            : (people[(i + 1 + (i % 3)) % 4] ?? ''),
        amount: 1 + (i % 7),
        description: `crossing ${i}`,
      }))
      const { results, codes } = await settle(
        requests.map((r) => transfer(db, r)),
      )

      expect(codes).toEqual([])
      expect(results).toHaveLength(requests.length)
    })
  },
)
