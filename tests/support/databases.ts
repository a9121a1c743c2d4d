import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'

/** One database engine the server tests run against. */
export interface TestDatabase {
  name: 'pglite' | 'postgres'
  /**
   * A fresh, migrated, empty database; close it after the test file. On
   * PostgreSQL it carries its URL, for a child process to open it too.
   */
  open(): Promise<PortalDatabase & { url?: string }>
}

/** Creates an empty database on the test server; returns its URL. */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<string> {
  const name = `portal_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * The embedded database and, unless TEST_POSTGRES=off, a real PostgreSQL.
 * Use with `describe.each(testDatabases())`.
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      async open() {
        const database = await openDatabase({ memory: true })
        await migrateToLatest(database.db)
        return database
      },
    },
  ]
  const adminUrl = inject('postgresUrl')
  if (adminUrl) {
    list.push({
      name: 'postgres',
      async open() {
        const url = await createPostgresDatabase(adminUrl)
        const database = await openDatabase({ url })
        await migrateToLatest(database.db)
        return { ...database, url }
      },
    })
  }
  return list
}
