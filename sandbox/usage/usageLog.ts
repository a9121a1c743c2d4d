/**
 * The usage log a sandbox register keeps: who asked for which person's
 * data, why and when. One table serves every register; each row names
 * the register (its X-Road subsystem) that answered, and each register
 * reads only its own rows.
 */

import { sql, type Generated, type Kysely } from 'kysely'

/** One query that touched a person's data, as a register records it. */
export interface UsageEntry {
  /** The register's subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  register: string
  loggedAt: Date
  /** Whose data: the data subject's personal code. */
  personalCode: string
  /** What the register did, e.g. `persons.read`. */
  action: string
  /** The X-Road client, `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`. */
  client: string
  /** The client's member, `INSTANCE/CLASS/MEMBER`. */
  clientMember: string
  /** The client's member code (registry code), e.g. `70000001`. */
  clientMemberCode: string
  /** The client's subsystem code; null for a member without one. */
  clientSubsystem: string | null
  /** `X-Road-Service` as the security server named it. */
  service: string | null
  /** `X-Road-UserId`: the person at the client who asked. */
  userId: string | null
  /** `X-Road-Issue`: why they asked. */
  issue: string | null
  /** `X-Road-Id`: the X-Road message id. */
  xRoadId: string
}

/** A stored usage record, with the number the log gave it. */
export interface UsageRecord extends UsageEntry {
  id: number
}

interface UsageTable {
  id: Generated<number | bigint | string>
  register: string
  logged_at: Date | string
  personal_code: string
  action: string
  client: string
  client_member: string
  client_member_code: string
  client_subsystem: string | null
  service: string | null
  user_id: string | null
  issue: string | null
  x_road_id: string
}

// A type alias, not an interface, so `Kysely#withTables` accepts it.
type UsageTables = { sandbox_usage_log: UsageTable }

function tables(db: Kysely<unknown>): Kysely<UsageTables> {
  return db.withTables<UsageTables>()
}

/** Adds one record; resolves once it is committed. */
export async function appendUsage(
  db: Kysely<unknown>,
  entry: UsageEntry,
): Promise<void> {
  await tables(db)
    .insertInto('sandbox_usage_log')
    .values({
      register: entry.register,
      logged_at: entry.loggedAt,
      personal_code: entry.personalCode,
      action: entry.action,
      client: entry.client,
      client_member: entry.clientMember,
      client_member_code: entry.clientMemberCode,
      client_subsystem: entry.clientSubsystem,
      service: entry.service,
      user_id: entry.userId,
      issue: entry.issue,
      x_road_id: entry.xRoadId,
    })
    .execute()
}

/** Which records of one register and person to read, and which page. */
export interface UsageQuery {
  register: string
  personalCode: string
  /** Records logged at or after this moment. */
  periodStart?: Date
  /** Records logged at or before this moment. */
  periodEnd?: Date
  offset: number
  limit: number
}

/** One page of records and how many match in all. */
export interface UsagePage {
  total: number
  records: UsageRecord[]
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value)
}

/** Records matching the query, newest first, and their total count. */
export async function findUsages(
  db: Kysely<unknown>,
  query: UsageQuery,
): Promise<UsagePage> {
  let matching = tables(db)
    .selectFrom('sandbox_usage_log')
    .where('register', '=', query.register)
    .where('personal_code', '=', query.personalCode)
  if (query.periodStart) {
    matching = matching.where('logged_at', '>=', query.periodStart)
  }
  if (query.periodEnd) {
    matching = matching.where('logged_at', '<=', query.periodEnd)
  }

  const counted = await matching
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirst()
  const rows = await matching
    .selectAll()
    .orderBy('logged_at', 'desc')
    .orderBy('id', 'desc')
    .offset(query.offset)
    .limit(query.limit)
    .execute()

  return {
    total: Number(counted?.total ?? 0),
    records: rows.map((row) => ({
      id: Number(row.id),
      register: row.register,
      loggedAt: toDate(row.logged_at),
      personalCode: row.personal_code,
      action: row.action,
      client: row.client,
      clientMember: row.client_member,
      clientMemberCode: row.client_member_code,
      clientSubsystem: row.client_subsystem,
      service: row.service,
      userId: row.user_id,
      issue: row.issue,
      xRoadId: row.x_road_id,
    })),
  }
}

/** When a register's oldest record was logged; undefined when it has none. */
export async function oldestUsage(
  db: Kysely<unknown>,
  register: string,
): Promise<Date | undefined> {
  const row = await tables(db)
    .selectFrom('sandbox_usage_log')
    .where('register', '=', register)
    .select((eb) => eb.fn.min('logged_at').as('oldest'))
    .executeTakeFirst()
  return row?.oldest ? toDate(row.oldest) : undefined
}

/** Resolves when the database answers a trivial query. */
export async function pingUsageLog(db: Kysely<unknown>): Promise<void> {
  await sql`SELECT 1`.execute(db)
}
