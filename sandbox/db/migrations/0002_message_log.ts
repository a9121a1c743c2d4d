import { sql, type Kysely } from 'kysely'

/**
 * The security servers' message logs: one hash chain per server, and a
 * head row per server that holds the newest record's number and hash.
 * Records are append-only: the database refuses to update or delete them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_xroad_log_head')
    .addColumn('server', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sandbox_xroad_log')
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('logged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('x_road_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('client', 'text')
    .addColumn('service', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text')
    .addColumn('response_status', 'integer', (c) => c.notNull())
    .addColumn('fault_type', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_xroad_log_pk', ['server', 'seq'])
    .execute()

  await sql`
    CREATE FUNCTION sandbox_xroad_log_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'sandbox_xroad_log is append-only';
    END
    $$
  `.execute(db)
  await sql`
    CREATE TRIGGER sandbox_xroad_log_append_only
    BEFORE UPDATE OR DELETE ON sandbox_xroad_log
    FOR EACH ROW EXECUTE FUNCTION sandbox_xroad_log_refuse()
  `.execute(db)
  await sql`
    CREATE TRIGGER sandbox_xroad_log_no_truncate
    BEFORE TRUNCATE ON sandbox_xroad_log
    FOR EACH STATEMENT EXECUTE FUNCTION sandbox_xroad_log_refuse()
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sandbox_xroad_log').execute()
  await db.schema.dropTable('sandbox_xroad_log_head').execute()
  await sql`DROP FUNCTION sandbox_xroad_log_refuse()`.execute(db)
}
