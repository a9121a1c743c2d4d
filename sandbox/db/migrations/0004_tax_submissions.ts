import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_tax_submission')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('personal_code', 'text', (c) =>
      c.notNull().references('sandbox_person.personal_code'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) =>
      c.notNull().defaultTo(sql`now()`),
    )
    .addColumn('answer', 'text', (c) => c.notNull())
    .addUniqueConstraint('sandbox_tax_submission_client', [
      'personal_code',
      'client_id',
    ])
    .execute()
  await db.schema
    .createIndex('sandbox_tax_submission_year')
    .on('sandbox_tax_submission')
    .columns(['personal_code', 'year', 'submitted_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_tax_submission').execute()
}
