import type { Kysely } from 'kysely'
import { makePersonalCode } from '../../common/personalCode.ts'
import type { TestDatabase } from '../../tests/support/databases.ts'
import { migrateLedger } from './db/migrate.ts'
import { openAccount } from './grants.ts'

/** A migrated database for ledger tests; close it after the file. */
export async function openLedgerDatabase(
  engine: TestDatabase,
): Promise<{ db: Kysely<unknown>; close(): Promise<void> }> {
  const database = await engine.open()
  const db = database.db as Kysely<unknown>
  await migrateLedger(db)
  return { db, close: () => database.close() }
}

/** The n-th of up to 36,000 distinct test people (valid personal codes). */
export function person(n: number): string {
  const day = String((Math.floor(n / 1000) % 28) + 1).padStart(2, '0')
  const month = String((Math.floor(n / 28_000) % 12) + 1).padStart(2, '0')
  return makePersonalCode(`1990-${month}-${day}`, 'female', n % 1000)
}

/** Opens `code`'s account with `cents` from the treasury as its first grant. */
export async function fund(
  db: Kysely<unknown>,
  code: string,
  cents: number,
): Promise<void> {
  await openAccount(db, code, { welcomeGrant: cents })
}
