/** One error a register answers with: a stable code, status and message. */
export interface RegisterErrorSpec {
  status: number
  message: string
}

/** The errors every sandbox register shares. */
export const COMMON_ERRORS = {
  INVALID_PERSONAL_CODE: {
    status: 400,
    message: 'The personal code is not a valid Estonian personal code.',
  },
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The register has no person with this code.',
  },
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  NOT_FOUND: { status: 404, message: 'There is nothing at this address.' },
  NOT_ACCEPTABLE: {
    status: 406,
    message: 'The register answers application/json only.',
  },
  INTERNAL: { status: 500, message: 'The register failed.' },
} as const satisfies Record<string, RegisterErrorSpec>

/**
 * Thrown by a register's route to answer with one of its declared errors;
 * the register's error handler turns it into `{error: {code, message}}`.
 */
export class RegisterError extends Error {
  override name = 'RegisterError'

  constructor(
    readonly code: string,
    /** Overrides the declared message, e.g. to name the invalid field. */
    readonly detail?: string,
  ) {
    super(detail ?? code)
  }
}
