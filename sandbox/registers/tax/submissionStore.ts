import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { RegisterError } from '../registerError.ts'

/** A submitted declaration as the Board acknowledges it. */
export interface SubmissionReceipt {
  submissionId: string
  clientId: string
  personalCode: string
  year: number
  submittedAt: string
  status: 'accepted'
  incomeTax: number
  incomeTaxWithheld: number
  refund: number
  payable: number
  /** Where the refund goes, when there is one. */
  iban: string | null
  /** When a payable amount is due. */
  paymentDueBy: string | null
}

interface SubmissionTable {
  id: string
  personal_code: string
  year: number
  client_id: string
  request_hash: string
  submitted_at: Date | string
  answer: string
}

type SubmissionDb = Kysely<{ sandbox_tax_submission: SubmissionTable }>

function tables(db: Kysely<unknown>): SubmissionDb {
  return db.withTables<{ sandbox_tax_submission: SubmissionTable }>()
}

/** A digest of what was submitted, to tell a retry from a different one. */
export function requestHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/**
 * Stores a submission once per person and client id. A retry with the
 * same id and content gets the first receipt back (`created: false`); the
 * same id with other content is refused with CLIENT_ID_REUSED.
 */
export async function storeSubmission(
  db: Kysely<unknown>,
  submission: {
    personalCode: string
    year: number
    clientId: string
    hash: string
    receipt: (id: string, submittedAt: string) => SubmissionReceipt
  },
): Promise<{ receipt: SubmissionReceipt; created: boolean }> {
  const id = randomUUID()
  const submittedAt = new Date().toISOString()
  const receipt = submission.receipt(id, submittedAt)
  const inserted = await tables(db)
    .insertInto('sandbox_tax_submission')
    .values({
      id,
      personal_code: submission.personalCode,
      year: submission.year,
      client_id: submission.clientId,
      request_hash: submission.hash,
      submitted_at: submittedAt,
      answer: JSON.stringify(receipt),
    })
    .onConflict((oc) => oc.columns(['personal_code', 'client_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { receipt, created: true }

  const existing = await tables(db)
    .selectFrom('sandbox_tax_submission')
    .select(['request_hash', 'answer'])
    .where('personal_code', '=', submission.personalCode)
    .where('client_id', '=', submission.clientId)
    .executeTakeFirstOrThrow()
  if (existing.request_hash !== submission.hash) {
    throw new RegisterError('CLIENT_ID_REUSED')
  }
  return {
    receipt: JSON.parse(existing.answer) as SubmissionReceipt,
    created: false,
  }
}

/** The person's latest submission for a year, or undefined. */
export async function latestSubmission(
  db: Kysely<unknown>,
  personalCode: string,
  year: number,
): Promise<SubmissionReceipt | undefined> {
  const row = await tables(db)
    .selectFrom('sandbox_tax_submission')
    .select('answer')
    .where('personal_code', '=', personalCode)
    .where('year', '=', year)
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && (JSON.parse(row.answer) as SubmissionReceipt)
}
