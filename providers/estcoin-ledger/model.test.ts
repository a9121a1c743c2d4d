import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../../tests/support/databases.ts'
import { findAccount, TREASURY } from './accounts.ts'
import { LedgerError } from './errors.ts'
import { openAccount } from './grants.ts'
import { ledgerProblems } from './invariants.ts'
import { openLedgerDatabase, person } from './ledgerTestKit.ts'
import { transfer, type TransferRequest } from './transfer.ts'

const STEPS = 400
const PEOPLE = Array.from({ length: 8 }, (_, i) => person(200 + i))
const DESCRIPTIONS = ['', 'rent', 'kohv ☕', 'Ülle']
const GRANT = 1_000

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const below = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: T[]): T => list[below(list.length)] as T
  return { next, below, pick }
}

/** What the ledger should do, kept in plain maps. */
class Oracle {
  balances = new Map<string, number>([[TREASURY, 0]])
  transfers = new Map<string, TransferRequest>()
  granted = new Set<string>()

  balance(owner: string): number {
    return this.balances.get(owner) ?? 0
  }

  private move(from: string, to: string, amount: number) {
    this.balances.set(from, this.balance(from) - amount)
    this.balances.set(to, this.balance(to) + amount)
  }

  /** The expected outcome: a refusal code, or whether it is created. */
  transfer(r: TransferRequest): string | { created: boolean } {
    if (r.from === r.to) return 'SELF_TRANSFER'
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0)
      return 'AMOUNT_INVALID'
    const existing = this.transfers.get(r.id)
    if (existing) {
      const same =
        existing.from === r.from &&
        existing.to === r.to &&
        existing.amount === r.amount &&
        existing.description === r.description
      return same ? { created: false } : 'TRANSFER_ID_REUSED'
    }
    if (this.balance(r.from) < r.amount) return 'INSUFFICIENT_FUNDS'
    this.transfers.set(r.id, r)
    this.move(r.from, r.to, r.amount)
    return { created: true }
  }

  signIn(owner: string): boolean {
    if (!this.balances.has(owner)) this.balances.set(owner, 0)
    if (this.granted.has(owner)) return false
    this.granted.add(owner)
    this.move(TREASURY, owner, GRANT)
    return true
  }
}

describe.each(testDatabases())('ledger against a model on $name', (engine) => {
  let db: Kysely<unknown>
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, close } = await openLedgerDatabase(engine))
  })
  afterEach(async () => {
    expect(await ledgerProblems(db)).toEqual([])
  })
  afterAll(() => close())

  const seed = Number(process.env.LEDGER_MODEL_SEED ?? Date.now() % 2 ** 31)

  it(`matches the model over ${STEPS} random operations (LEDGER_MODEL_SEED=${seed})`, async () => {
    const rng = random(seed)
    const oracle = new Oracle()
    const sent: TransferRequest[] = []
    const seen = new Set<string>()

    const newRequest = (): TransferRequest => {
      const from = rng.pick(PEOPLE)
      const balance = oracle.balance(from)
      return {
        id: randomUUID(),
        from,
        to: rng.below(20) === 0 ? from : rng.pick(PEOPLE),
        // Up to half again the balance, so about a third overdraw.
        amount:
          rng.below(15) === 0
            ? 0
            : 1 + rng.below(Math.ceil(balance * 1.5) + 10),
        description: rng.pick(DESCRIPTIONS),
      }
    }
    const changed = (r: TransferRequest): TransferRequest => {
      switch (rng.below(4)) {
        case 0:
          return { ...r, amount: r.amount + 1 }
        case 1:
          return { ...r, to: rng.pick(PEOPLE.filter((p) => p !== r.from)) }
        case 2:
          return { ...r, from: rng.pick(PEOPLE.filter((p) => p !== r.to)) }
        default:
          return { ...r, description: `${r.description}!` }
      }
    }

    for (let step = 0; step < STEPS; step++) {
      const roll = rng.below(10)
      const context = `seed ${seed}, step ${step}`

      if (roll === 0) {
        const owner = rng.pick(PEOPLE)
        const { grant } = await openAccount(db, owner, { welcomeGrant: GRANT })
        expect(grant?.created, context).toBe(oracle.signIn(owner))
        continue
      }

      const earlier = sent.length > 0 ? rng.pick(sent) : undefined
      const request =
        roll <= 6 || !earlier
          ? newRequest()
          : roll <= 8
            ? earlier
            : changed(earlier)
      sent.push(request)

      const expected = oracle.transfer(request)
      const actual = await transfer(db, request).then(
        (r) => {
          expect(r.transfer, context).toMatchObject({
            id: request.id,
            from: request.from,
            to: request.to,
            amount: request.amount,
            description: request.description,
          })
          return { created: r.created }
        },
        (e: unknown) => (e instanceof LedgerError ? e.code : e),
      )
      expect(actual, context).toEqual(expected)
      seen.add(
        typeof expected === 'string'
          ? expected
          : expected.created
            ? 'created'
            : 'replayed',
      )

      if (step % 50 === 0) expect(await ledgerProblems(db), context).toEqual([])
    }

    for (const [owner, balance] of oracle.balances) {
      const account = await findAccount(db, owner)
      expect(account?.balance ?? 0, `seed ${seed}, ${owner}`).toBe(balance)
    }
    // The run must have met every kind of outcome, or it proved little.
    expect([...seen].sort(), `seed ${seed}`).toEqual([
      'AMOUNT_INVALID',
      'INSUFFICIENT_FUNDS',
      'SELF_TRANSFER',
      'TRANSFER_ID_REUSED',
      'created',
      'replayed',
    ])
  })
})
