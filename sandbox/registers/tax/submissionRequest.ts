import { RegisterError } from '../registerError.ts'
import type { Deductions } from './declaration.ts'

/** A declaration as the person submits it, checked. */
export interface SubmissionRequest {
  /** The client's id for this submission; a retry sends the same one. */
  clientId: string
  /** Where a refund goes, without spaces; required when one is due. */
  iban: string | null
  /** Null: accept the pre-filled deductions. */
  deductions: Deductions | null
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/

/** True for an IBAN whose check digits are right (ISO 13616, mod 97). */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`
  let remainder = 0
  for (const char of moved) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55)
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder === 1
}

function invalid(message: string): RegisterError {
  return new RegisterError('INVALID_DECLARATION', message)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function amount(value: unknown, field: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 1_000_000 ||
    Math.round(value * 100) !== value * 100
  ) {
    throw invalid(`${field} must be an amount in euros, 0 or more.`)
  }
  return value
}

const DEDUCTION_FIELDS = [
  'trainingExpenses',
  'housingLoanInterest',
  'donations',
] as const

/**
 * Checks a submission body: `{clientId, iban?, deductions?}`. Throws
 * INVALID_DECLARATION naming the first field that is wrong.
 */
export function parseSubmission(body: unknown): SubmissionRequest {
  if (!isRecord(body)) throw invalid('The body must be a JSON object.')
  const known = new Set(['clientId', 'iban', 'deductions'])
  const extra = Object.keys(body).find((key) => !known.has(key))
  if (extra !== undefined) throw invalid(`Unknown field ${extra}.`)

  const { clientId, iban, deductions } = body
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) {
    throw invalid('clientId must be 8 to 64 letters, digits, - or _.')
  }

  let account: string | null = null
  if (iban !== undefined && iban !== null) {
    const compact = typeof iban === 'string' ? iban.replace(/ /g, '') : ''
    if (!isValidIban(compact)) throw invalid('iban is not a valid IBAN.')
    account = compact
  }

  let claimed: Deductions | null = null
  if (deductions !== undefined && deductions !== null) {
    if (!isRecord(deductions)) throw invalid('deductions must be an object.')
    const unknown = Object.keys(deductions).find(
      (key) => !(DEDUCTION_FIELDS as readonly string[]).includes(key),
    )
    if (unknown !== undefined) throw invalid(`Unknown deduction ${unknown}.`)
    claimed = {
      trainingExpenses: amount(
        deductions.trainingExpenses ?? 0,
        'trainingExpenses',
      ),
      housingLoanInterest: amount(
        deductions.housingLoanInterest ?? 0,
        'housingLoanInterest',
      ),
      donations: amount(deductions.donations ?? 0, 'donations'),
    }
  }
  return { clientId, iban: account, deductions: claimed }
}
