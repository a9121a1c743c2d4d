/** The explanation requests a register keeps, one row per request. */
import { sql, type Kysely } from 'kysely'
import type { AskedUsage, Language } from './operator.ts'

export interface ExplanationRequest {
  id: string
  register: string
  personalCode: string
  usage: AskedUsage
  question: string | null
  language: Language
  createdAt: Date
}

interface RequestRow {
  id: string
  register: string
  personal_code: string
  usage: AskedUsage | string
  question: string | null
  language: string
  created_at: Date | string
}

type Tables = { sandbox_explanation_request: RequestRow }
const tables = (db: Kysely<unknown>) => db.withTables<Tables>()

function fromRow(row: RequestRow): ExplanationRequest {
  return {
    id: row.id,
    register: row.register,
    personalCode: row.personal_code,
    usage:
      typeof row.usage === 'string'
        ? (JSON.parse(row.usage) as AskedUsage)
        : row.usage,
    question: row.question,
    language: row.language as Language,
    createdAt: new Date(row.created_at),
  }
}

/**
 * Stores a request unless one with its id exists; answers the stored one
 * either way, so a retried request is not filed twice.
 */
export async function fileRequest(
  db: Kysely<unknown>,
  request: Omit<ExplanationRequest, 'createdAt'>,
  now: Date,
): Promise<ExplanationRequest> {
  await tables(db)
    .insertInto('sandbox_explanation_request')
    .values({
      id: request.id,
      register: request.register,
      personal_code: request.personalCode,
      usage: sql`${JSON.stringify(request.usage)}::jsonb` as never,
      question: request.question,
      language: request.language,
      created_at: now,
    })
    .onConflict((c) => c.column('id').doNothing())
    .execute()
  const stored = await findRequest(db, request.id)
  if (!stored) throw new Error('the request was not stored')
  return stored
}

export async function findRequest(
  db: Kysely<unknown>,
  id: string,
): Promise<ExplanationRequest | undefined> {
  const row = await tables(db)
    .selectFrom('sandbox_explanation_request')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && fromRow(row)
}

/** A person's requests to one register, newest first. */
export async function listRequests(
  db: Kysely<unknown>,
  register: string,
  personalCode: string,
  limit = 100,
): Promise<ExplanationRequest[]> {
  const rows = await tables(db)
    .selectFrom('sandbox_explanation_request')
    .selectAll()
    .where('register', '=', register)
    .where('personal_code', '=', personalCode)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(fromRow)
}
