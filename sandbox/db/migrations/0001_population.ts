import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sandbox_person')
    .addColumn('personal_code', 'text', (c) => c.primaryKey())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('citizenship', 'text', (c) => c.notNull())
    .addColumn('phone_number', 'text', (c) => c.notNull().unique())
    .execute()

  await db.schema
    .createTable('sandbox_address')
    .addColumn('personal_code', 'text', (c) =>
      c.primaryKey().references('sandbox_person.personal_code'),
    )
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text', (c) => c.notNull())
    .addColumn('settlement', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('house', 'text', (c) => c.notNull())
    .addColumn('apartment', 'text')
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sandbox_family')
    .addColumn('personal_code', 'text', (c) =>
      c.notNull().references('sandbox_person.personal_code'),
    )
    .addColumn('relative_code', 'text', (c) =>
      c.notNull().references('sandbox_person.personal_code'),
    )
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_family_pk', [
      'personal_code',
      'relative_code',
    ])
    .execute()

  await db.schema
    .createTable('sandbox_document')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('personal_code', 'text', (c) =>
      c.notNull().references('sandbox_person.personal_code'),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sandbox_document_personal_code')
    .on('sandbox_document')
    .column('personal_code')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_document').execute()
  await db.schema.dropTable('sandbox_family').execute()
  await db.schema.dropTable('sandbox_address').execute()
  await db.schema.dropTable('sandbox_person').execute()
  await db.schema.dropTable('sandbox_meta').execute()
}
