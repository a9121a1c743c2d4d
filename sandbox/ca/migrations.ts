import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { migrateToLatest } from '../../server/db/migrate.ts'

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sandbox_ca_authority')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('certificate', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('sandbox_ca_certificate')
      .addColumn('serial', 'text', (c) => c.primaryKey())
      .addColumn('personal_code', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('certificate', 'text', (c) => c.notNull())
      .addColumn('private_key', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .execute()
    await db.schema
      .createIndex('sandbox_ca_certificate_holder')
      .on('sandbox_ca_certificate')
      .columns(['personal_code', 'purpose'])
      .execute()
  },
}

/**
 * Creates the CA's tables. They keep their own migration table so the CA
 * stays a self-contained part of the sandbox and never exists without it.
 */
export function migrateCa(db: Kysely<unknown>): Promise<void> {
  return migrateToLatest(db, { '0001_ca': initial }, 'sandbox_ca_migration')
}
