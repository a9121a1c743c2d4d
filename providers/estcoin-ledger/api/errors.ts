import { LEDGER_ERRORS, type LedgerErrorCode } from '../errors.ts'

/**
 * The ledger service's own refusals, beside the ledger's (errors.ts):
 * what only the API knows about, each with a stable code and status.
 */
export const SERVICE_ERRORS = {
  USER_ID_INVALID: {
    status: 400,
    message:
      'X-Road-UserId must be EE followed by a valid personal code: the ' +
      'person whose account this is.',
  },
  REQUEST_INVALID: {
    status: 400,
    message: 'The request does not match the ledger service’s description.',
  },
  SIGNATURE_REQUIRED: {
    status: 403,
    message:
      'A transfer above the signature threshold needs the sender’s ' +
      'signature, which this service does not take yet.',
  },
  RECIPIENT_UNKNOWN: {
    status: 404,
    message:
      'The recipient has no account; send openRecipient once the ' +
      'population register knows them.',
  },
  NOT_FOUND: { status: 404, message: 'There is no such operation.' },
  INTERNAL: { status: 500, message: 'The ledger failed.' },
} as const

/** Every code the ledger service answers with. */
export type ServiceErrorCode = keyof typeof SERVICE_ERRORS | LedgerErrorCode

/** A refusal found by the API layer. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError'
  constructor(readonly code: keyof typeof SERVICE_ERRORS) {
    super(SERVICE_ERRORS[code].message)
  }
}

/** The status and message of any code the service answers with. */
export function serviceErrorSpec(code: ServiceErrorCode): {
  status: number
  message: string
} {
  return code in SERVICE_ERRORS
    ? SERVICE_ERRORS[code as keyof typeof SERVICE_ERRORS]
    : LEDGER_ERRORS[code as LedgerErrorCode]
}
