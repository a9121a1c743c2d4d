import { sql, type Kysely } from 'kysely'

const NAME = /^[a-z_][a-z0-9_]*$/

function checkName(table: string): void {
  if (!NAME.test(table)) throw new Error(`Not a plain table name: ${table}`)
}

/**
 * Makes the database itself refuse UPDATE, DELETE and TRUNCATE on a table,
 * whoever asks: a trigger function `<table>_refuse` raises an error, fired
 * before each row change and before a truncate. For migrations.
 *
 * With `allowDelete`, rows can still never change but may be deleted one
 * by one (a retention rule purging old rows); TRUNCATE stays refused.
 */
export async function makeAppendOnly(
  db: Kysely<unknown>,
  table: string,
  options: { allowDelete?: boolean } = {},
): Promise<void> {
  checkName(table)
  const refuse = sql.id(`${table}_refuse`)
  const target = sql.id(table)
  await sql`
    CREATE FUNCTION ${refuse}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${sql.raw(table)} is append-only';
    END
    $$
  `.execute(db)
  await sql`
    CREATE TRIGGER ${sql.id(`${table}_append_only`)}
    BEFORE ${sql.raw(options.allowDelete ? 'UPDATE' : 'UPDATE OR DELETE')}
    ON ${target}
    FOR EACH ROW EXECUTE FUNCTION ${refuse}()
  `.execute(db)
  await sql`
    CREATE TRIGGER ${sql.id(`${table}_no_truncate`)}
    BEFORE TRUNCATE ON ${target}
    FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()
  `.execute(db)
}

/** Drops what makeAppendOnly made; call after dropping the table. */
export async function dropAppendOnly(
  db: Kysely<unknown>,
  table: string,
): Promise<void> {
  checkName(table)
  await sql`DROP FUNCTION ${sql.id(`${table}_refuse`)}()`.execute(db)
}
