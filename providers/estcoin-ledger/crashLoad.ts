/**
 * A load of transfers for the crash test: `tsx crashLoad.ts <DATABASE_URL>
 * <personal codes,…>` sends transfers between the given (funded) accounts
 * from 8 concurrent clients until killed, and prints one line
 * `ok <transfer JSON>` for each transfer the ledger acknowledged.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { openDatabase } from '../../server/db/database.ts'
import { LedgerError } from './errors.ts'
import { transfer } from './transfer.ts'

const CLIENTS = 8

async function client(db: Kysely<unknown>, people: string[]): Promise<void> {
  const pick = () => people[Math.floor(Math.random() * people.length)] ?? ''
  for (;;) {
    const from = pick()
    const to = pick()
    if (from === to) continue
    const request = {
      id: randomUUID(),
      from,
      to,
      amount: 1 + Math.floor(Math.random() * 50),
      description: 'crash load',
    }
    try {
      await transfer(db, request)
      process.stdout.write(`ok ${JSON.stringify(request)}\n`)
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error
    }
  }
}

async function main(): Promise<void> {
  const [url, codes] = process.argv.slice(2)
  if (!url || !codes) throw new Error('usage: crashLoad.ts <url> <codes>')
  const database = await openDatabase({ url })
  const people = codes.split(',')
  await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      client(database.db as Kysely<unknown>, people),
    ),
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`crash load failed: ${String(error)}\n`)
  process.exitCode = 1
})
