/** What the witness answers when it refuses a submission. */
export const WITNESS_ERRORS = {
  BAD_REQUEST_BODY: {
    status: 400,
    message: 'The body is not an old-size line, proof lines and a signed note.',
  },
  BAD_CHECKPOINT: {
    status: 400,
    message: 'The note is not a valid signed checkpoint.',
  },
  OLD_SIZE_TOO_LARGE: {
    status: 400,
    message: 'The old size is larger than the checkpoint.',
  },
  BAD_LOG_SIGNATURE: {
    status: 403,
    message: "The checkpoint has no valid signature by the log's key.",
  },
  UNKNOWN_LOG: {
    status: 404,
    message: 'This witness does not witness that log.',
  },
  OLD_SIZE_CONFLICT: {
    status: 409,
    message: "The old size is not the witness's latest size of the log.",
  },
  BAD_CONSISTENCY_PROOF: {
    status: 422,
    message: 'The consistency proof does not verify.',
  },
  INCONSISTENT_CHECKPOINT: {
    status: 422,
    message: 'The checkpoint is not consistent with what the witness saw.',
  },
  BAD_QUERY: {
    status: 400,
    message: 'The query is not valid.',
  },
} as const

export type WitnessErrorCode = keyof typeof WITNESS_ERRORS

/** A refused submission; `knownSize` for OLD_SIZE_CONFLICT. */
export class WitnessError extends Error {
  override name = 'WitnessError'

  constructor(
    readonly code: WitnessErrorCode,
    readonly knownSize?: number,
  ) {
    super(WITNESS_ERRORS[code].message)
  }

  get status(): number {
    return WITNESS_ERRORS[this.code].status
  }
}
