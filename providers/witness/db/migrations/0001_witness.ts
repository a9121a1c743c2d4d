import { sql, type Kysely } from 'kysely'
import {
  dropAppendOnly,
  makeAppendOnly,
} from '../../../../server/db/appendOnly.ts'

/**
 * The witness's view of each log it witnesses:
 * - `witness_log`: the latest checkpoint it cosigned per origin, one row a
 *   log, locked while a submission for that log is checked;
 * - `witness_checkpoint`: every checkpoint it cosigned, append-only;
 * - `witness_report`: every checkpoint it refused as inconsistent with
 *   what it saw, with the evidence, append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('witness_log')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .execute()

  await db.schema
    .createTable('witness_checkpoint')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('cosignature', 'text', (c) => c.notNull())
    .addColumn('cosigned_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('witness_checkpoint_origin')
    .on('witness_checkpoint')
    .columns(['origin', 'size'])
    .execute()
  await makeAppendOnly(db, 'witness_checkpoint')

  await db.schema
    .createTable('witness_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('known_note', 'text')
    .addColumn('known_size', 'bigint', (c) => c.notNull())
    .addColumn('submitted_note', 'text', (c) => c.notNull())
    .addColumn('old_size', 'bigint', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('witness_report_origin')
    .on('witness_report')
    .columns(['origin', 'id'])
    .execute()
  await makeAppendOnly(db, 'witness_report')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('witness_report').execute()
  await dropAppendOnly(db, 'witness_report')
  await db.schema.dropTable('witness_checkpoint').execute()
  await dropAppendOnly(db, 'witness_checkpoint')
  await db.schema.dropTable('witness_log').execute()
}
