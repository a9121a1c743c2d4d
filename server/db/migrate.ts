import type { Kysely } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import * as foundation from './migrations/0001_foundation.ts'
import * as eidSignIn from './migrations/0002_eid_sign_in.ts'
import * as webEidChallenges from './migrations/0003_web_eid_challenges.ts'
import * as walletNames from './migrations/0004_wallet_names.ts'
import * as transferSignatures from './migrations/0005_transfer_signatures.ts'

/** The portal's migrations in order; add new ones at the end. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_eid_sign_in': eidSignIn,
  '0003_web_eid_challenges': webEidChallenges,
  '0004_wallet_names': walletNames,
  '0005_transfer_signatures': transferSignatures,
}

/**
 * Brings a database to the newest schema. Runs under Kysely's migration lock,
 * so several portal instances starting together migrate once.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration> = MIGRATIONS,
  tableName = 'kysely_migration',
): Promise<void> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`,
      { cause: error },
    )
  }
}
