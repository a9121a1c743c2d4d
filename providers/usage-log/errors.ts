/** The usage-log service's refusals, each declared once with a stable code. */
export const USAGE_LOG_ERRORS = {
  INVALID_SIZE: {
    status: 400,
    message:
      'Tree sizes and leaf indexes are whole numbers; an index must be ' +
      'below the size, a first size at most the second.',
  },
  BEYOND_LOG: {
    status: 404,
    message: 'The log is not that large yet.',
  },
  NO_CHECKPOINT: {
    status: 404,
    message: 'The log has no checkpoint of that size.',
  },
  COSIGNATURE_REFUSED: {
    status: 400,
    message:
      'The cosignature is not a valid signature by a configured witness ' +
      'on that checkpoint.',
  },
} as const

export type UsageLogErrorCode = keyof typeof USAGE_LOG_ERRORS

/** A usage-log refusal; `statusCode` is read by Fastify. */
export class UsageLogError extends Error {
  override readonly name = 'UsageLogError'
  readonly statusCode: number

  constructor(readonly code: UsageLogErrorCode) {
    super(USAGE_LOG_ERRORS[code].message)
    this.statusCode = USAGE_LOG_ERRORS[code].status
  }
}
