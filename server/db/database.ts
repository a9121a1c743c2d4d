import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

/** The portal's database handle, whichever engine is underneath. */
export interface PortalDatabase {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  /** Checkpoints (PGlite) and closes every connection. */
  close(): Promise<void>
}

/** Where the data lives: a PostgreSQL URL, a folder, or memory (tests). */
export type DatabaseLocation =
  { url: string } | { dataDir: string } | { memory: true }

// PostgreSQL returns bigint counts as strings; they stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

/** Opens PostgreSQL through `url`, or PGlite in a folder or in memory. */
export async function openDatabase(
  location: DatabaseLocation,
): Promise<PortalDatabase> {
  if ('url' in location) {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }

  let dataDir: string | undefined
  if ('dataDir' in location) {
    dataDir = join(location.dataDir, 'pglite')
    mkdirSync(dataDir, { recursive: true })
  }
  const pglite = await PGlite.create(dataDir)
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite }),
  })
  return {
    db,
    kind: 'pglite',
    async close() {
      await pglite.query('CHECKPOINT')
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}
