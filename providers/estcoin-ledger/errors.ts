/** The ledger's refusals, each declared once with a stable code. */
export const LEDGER_ERRORS = {
  TRANSFER_ID_INVALID: {
    status: 400,
    message:
      'A transfer id must be a UUID in its 36-character form, and not a ' +
      'version 5 UUID: those are reserved for treasury grants.',
  },
  PERSONAL_CODE_INVALID: {
    status: 400,
    message: 'An account is named by a valid Estonian personal code.',
  },
  SELF_TRANSFER: {
    status: 400,
    message: 'The sender and the recipient are the same person.',
  },
  AMOUNT_INVALID: {
    status: 400,
    message: 'amount must be a positive whole number of cents.',
  },
  DESCRIPTION_INVALID: {
    status: 400,
    message:
      'description must be text of at most 140 characters, without ' +
      'control characters.',
  },
  MONTH_INVALID: {
    status: 400,
    message: 'A month is written YYYY-MM, e.g. 2026-12.',
  },
  PAGING_INVALID: {
    status: 400,
    message:
      'limit must be a whole number from 1 to 100 and before a positive ' +
      'entry number.',
  },
  INSUFFICIENT_FUNDS: {
    status: 409,
    message: 'The balance does not cover the amount.',
  },
  TRANSFER_ID_REUSED: {
    status: 409,
    message:
      'A transfer with this id but other details exists; a retry must ' +
      'send the same details, a new transfer a new id.',
  },
} as const

/** A stable ledger error code. */
export type LedgerErrorCode = keyof typeof LEDGER_ERRORS

/** A refusal by the ledger, thrown where it is found. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError'
  readonly code: LedgerErrorCode
  /** The HTTP status the ledger's API answers with. */
  readonly statusCode: number

  constructor(code: LedgerErrorCode) {
    super(LEDGER_ERRORS[code].message)
    this.code = code
    this.statusCode = LEDGER_ERRORS[code].status
  }
}
