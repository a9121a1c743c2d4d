import { sql, type Kysely } from 'kysely'

/**
 * The registers' usage logs: one row per query that touched a person's
 * data, kept by the register that answered it. Rows are append-only: the
 * database refuses to update, delete or truncate them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_usage_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('personal_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('client_member', 'text', (c) => c.notNull())
    .addColumn('client_member_code', 'text', (c) => c.notNull())
    .addColumn('client_subsystem', 'text')
    .addColumn('service', 'text')
    .addColumn('user_id', 'text')
    .addColumn('issue', 'text')
    .addColumn('x_road_id', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sandbox_usage_log_person')
    .on('sandbox_usage_log')
    .columns(['register', 'personal_code', 'logged_at', 'id'])
    .execute()

  await sql`
    CREATE FUNCTION sandbox_usage_log_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'sandbox_usage_log is append-only';
    END
    $$
  `.execute(db)
  await sql`
    CREATE TRIGGER sandbox_usage_log_append_only
    BEFORE UPDATE OR DELETE ON sandbox_usage_log
    FOR EACH ROW EXECUTE FUNCTION sandbox_usage_log_refuse()
  `.execute(db)
  await sql`
    CREATE TRIGGER sandbox_usage_log_no_truncate
    BEFORE TRUNCATE ON sandbox_usage_log
    FOR EACH STATEMENT EXECUTE FUNCTION sandbox_usage_log_refuse()
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_usage_log').execute()
  await sql`DROP FUNCTION sandbox_usage_log_refuse()`.execute(db)
}
