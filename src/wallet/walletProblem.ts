/**
 * Failures of wallet calls, read for the wallet's pages: the code, the
 * form field it concerns and, for RATE_LIMITED, how long to wait.
 */
import { AxiosError } from 'axios'
import { describeApiError } from '@/api/errors'

/** A field of the send form. */
export type SendField = 'to' | 'amount' | 'description'

/** The codes the wallet explains in its own words (`wallet.errors`). */
export const WALLET_ERROR_CODES = [
  'RECIPIENT_UNKNOWN',
  'SELF_TRANSFER',
  'AMOUNT_INVALID',
  'INSUFFICIENT_FUNDS',
  'TRANSFER_ID_REUSED',
  'SIGNATURE_REQUIRED',
  'VALIDATION_FAILED',
  'PERSONAL_CODE_INVALID',
  'DESCRIPTION_INVALID',
  'RATE_LIMITED',
] as const

const FIELD_OF_CODE: Record<string, SendField> = {
  RECIPIENT_UNKNOWN: 'to',
  SELF_TRANSFER: 'to',
  PERSONAL_CODE_INVALID: 'to',
  AMOUNT_INVALID: 'amount',
  INSUFFICIENT_FUNDS: 'amount',
  SIGNATURE_REQUIRED: 'amount',
  DESCRIPTION_INVALID: 'description',
}

/** A failed wallet call as the wallet's pages explain it. */
export interface WalletProblem {
  code: string
  /** The form field at fault, if one is. */
  field?: SendField
  /** Seconds to wait, from Retry-After, for RATE_LIMITED. */
  retryAfter?: number
}

function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof AxiosError)) return undefined
  const value: unknown = error.response?.headers['retry-after']
  const seconds = Number(value)
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined
}

const SEND_FIELDS: readonly string[] = ['to', 'amount', 'description']

/** The first send form field a VALIDATION_FAILED answer names, if any. */
function fieldOf(details: { field: string }[]): SendField | undefined {
  return details
    .map(({ field }) => field.split(/[./]/).filter(Boolean).pop() ?? '')
    .find((name): name is SendField => SEND_FIELDS.includes(name))
}

/** Reads what a wallet call threw. */
export function readWalletProblem(error: unknown): WalletProblem {
  const { code, details } = describeApiError(error)
  const problem: WalletProblem = { code }
  if (code in FIELD_OF_CODE) problem.field = FIELD_OF_CODE[code]
  if (code === 'VALIDATION_FAILED') problem.field = fieldOf(details)
  if (code === 'RATE_LIMITED') problem.retryAfter = retryAfterOf(error)
  return problem
}

/** True for a send whose outcome is unknown: no answer came. */
export function outcomeUnknown(problem: WalletProblem): boolean {
  return problem.code === 'NETWORK_ERROR' || problem.code === 'TIMEOUT'
}
