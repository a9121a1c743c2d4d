import { sql, type Kysely } from 'kysely'
import {
  dropAppendOnly,
  makeAppendOnly,
} from '../../../../server/db/appendOnly.ts'

/** Tables the database keeps for ever: it refuses to change or delete rows. */
const FOREVER = [
  'usage_log',
  'usage_log_key',
  'usage_log_node',
  'usage_log_checkpoint',
  'usage_log_cosignature',
]

/**
 * Merkle usage logs (RFC 9162), one per origin:
 * - `usage_log_node`: every perfect subtree's hash, level 0 being the
 *   leaf hashes, so proofs read a few rows and never every leaf;
 * - `usage_log_checkpoint`: every signed checkpoint, by tree size;
 * - `usage_log_cosignature`: witnesses' cosignatures of checkpoints;
 * - `usage_log_record`: the salted records themselves, which a retention
 *   rule may delete (the leaf hashes stay) but nobody may change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_log')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .execute()
  await db.schema
    .createTable('usage_log_key')
    .addColumn('log_id', 'integer', (c) =>
      c.primaryKey().references('usage_log.id'),
    )
    .addColumn('seed', 'bytea', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('usage_log_node')
    .addColumn('log_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'smallint', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_log_node_pk', ['log_id', 'level', 'idx'])
    .execute()
  await db.schema
    .createTable('usage_log_checkpoint')
    .addColumn('log_id', 'integer', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root', 'bytea', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .addPrimaryKeyConstraint('usage_log_checkpoint_pk', ['log_id', 'size'])
    .execute()
  await db.schema
    .createTable('usage_log_cosignature')
    .addColumn('log_id', 'integer', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .addPrimaryKeyConstraint('usage_log_cosignature_pk', [
      'log_id',
      'size',
      'witness',
    ])
    .addForeignKeyConstraint(
      'usage_log_cosignature_checkpoint',
      ['log_id', 'size'],
      'usage_log_checkpoint',
      ['log_id', 'size'],
    )
    .execute()
  await db.schema
    .createTable('usage_log_record')
    .addColumn('log_id', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('visible_after', 'timestamptz')
    .addColumn('record', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_log_record_pk', ['log_id', 'idx'])
    .execute()
  await db.schema
    .createIndex('usage_log_record_person')
    .on('usage_log_record')
    .columns(['log_id', 'personal_code', 'logged_at', 'idx'])
    .execute()

  for (const table of FOREVER) await makeAppendOnly(db, table)
  await makeAppendOnly(db, 'usage_log_record', { allowDelete: true })
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage_log_record', ...FOREVER.toReversed()]) {
    await db.schema.dropTable(table).execute()
    await dropAppendOnly(db, table)
  }
}
