import { AxiosError } from 'axios'

/** One problem with one field, as the server lists it in `details`. */
export interface FieldProblem {
  field: string
  problem: string
}

/**
 * Codes the browser gives failures that never reached the server's error
 * handler. Server codes are upper snake case; these are too, and no core
 * code uses them.
 */
export const CLIENT_ERROR_CODES = [
  'NETWORK_ERROR',
  'TIMEOUT',
  'UNEXPECTED_RESPONSE',
  'UNKNOWN',
] as const
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number]

/** A failed API call reduced to what the UI needs to explain it. */
export interface ApiProblem {
  /** A server code (core or module) or one of CLIENT_ERROR_CODES. */
  code: string
  /** HTTP status, when the server answered. */
  status?: number
  /** Field problems of a VALIDATION_FAILED answer; otherwise empty. */
  details: FieldProblem[]
}

interface ErrorBody {
  error?: { code?: unknown; details?: unknown }
}

function readDetails(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    const entry = item as Partial<Record<keyof FieldProblem, unknown>>
    return typeof entry?.field === 'string' && typeof entry.problem === 'string'
      ? [{ field: entry.field, problem: entry.problem }]
      : []
  })
}

/**
 * Reads the portal's JSON error (`{error: {code, details}}`) out of whatever
 * a call threw. The message text in the body is for logs and developers; the
 * UI chooses its text by the code.
 */
export function describeApiError(error: unknown): ApiProblem {
  if (!(error instanceof AxiosError)) return { code: 'UNKNOWN', details: [] }

  const response = error.response
  if (!response) {
    const timedOut =
      error.code === AxiosError.ECONNABORTED ||
      error.code === AxiosError.ETIMEDOUT
    return { code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', details: [] }
  }

  const body = (response.data ?? {}) as ErrorBody
  const code = body.error?.code
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) {
    return {
      code,
      status: response.status,
      details: readDetails(body.error?.details),
    }
  }
  const gateway = response.status >= 502 && response.status <= 504
  return {
    code: gateway ? 'NETWORK_ERROR' : 'UNEXPECTED_RESPONSE',
    status: response.status,
    details: [],
  }
}

/** True when the call failed with the given code. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return describeApiError(error).code === code
}
