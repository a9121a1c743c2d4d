import { sql, type Kysely } from 'kysely'

/** Citizens' requests that a register explain one use of their data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_explanation_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('usage', 'jsonb', (c) => c.notNull())
    .addColumn('question', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .execute()
  await db.schema
    .createIndex('sandbox_explanation_request_person')
    .on('sandbox_explanation_request')
    .columns(['register', 'personal_code', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_explanation_request').execute()
}
