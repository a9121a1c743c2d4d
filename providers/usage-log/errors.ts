/** The usage log's errors, each declared once with a stable code. */
export const USAGE_ERRORS = {
  MISSING_USER_CODE: {
    status: 400,
    message: 'The userCode query parameter is required.',
  },
  INVALID_USER_CODE: {
    status: 400,
    message: 'userCode is not a valid Estonian personal code.',
  },
  INVALID_PERIOD: {
    status: 400,
    message:
      'periodStart and periodEnd must be RFC 3339 date-times with a time ' +
      'zone, and periodStart may not be after periodEnd.',
  },
  INVALID_PAGING: {
    status: 400,
    message: 'offset must be an integer from 0 and limit one from 1 to 1000.',
  },
  INVALID_PARAMETER: {
    status: 400,
    message:
      'An unknown or repeated parameter: findUsage takes userCode, ' +
      'periodStart, periodEnd, offset and limit, each at most once; ' +
      'consistency takes from and to, each once.',
  },
  MISSING_USER_ID: {
    status: 400,
    message: 'A usage query needs the X-Road-UserId header.',
  },
  INVALID_SIZE: {
    status: 400,
    message:
      'Tree sizes and leaf indexes are whole numbers; an index must be ' +
      'below the size, a first size at most the second.',
  },
  COSIGNATURE_REFUSED: {
    status: 400,
    message:
      'The cosignature is not a valid signature by a configured witness ' +
      'on that checkpoint.',
  },
  NOT_YOUR_RECORDS: {
    status: 403,
    message:
      'A person may read only their own usage records: userCode must ' +
      'name the person in X-Road-UserId.',
  },
  BEYOND_LOG: { status: 404, message: 'The log is not that large yet.' },
  NO_CHECKPOINT: {
    status: 404,
    message: 'The log has no checkpoint of that size.',
  },
  XROAD_HEADERS_MISSING: {
    status: 400,
    message:
      'The request did not come through a security server: X-Road-Client ' +
      'or X-Road-Id is missing or malformed.',
  },
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  NOT_FOUND: { status: 404, message: 'There is nothing at this address.' },
  NOT_ACCEPTABLE: {
    status: 406,
    message:
      'The usage log answers application/json (checkpoints text/plain) only.',
  },
  UNAVAILABLE: {
    status: 503,
    message: 'The usage log cannot reach its database.',
  },
  INTERNAL: { status: 500, message: 'The usage log failed.' },
} as const

/** A stable usage-log error code. */
export type UsageErrorCode = keyof typeof USAGE_ERRORS

/** A usage-log refusal, thrown where it is found and answered as JSON. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly code: UsageErrorCode
  /** The HTTP status, read by Fastify and by the registers' handlers. */
  readonly statusCode: number

  constructor(code: UsageErrorCode) {
    super(USAGE_ERRORS[code].message)
    this.code = code
    this.statusCode = USAGE_ERRORS[code].status
  }
}
