import { describe, expect, it } from 'vitest'
import { apiFailure, networkFailure } from '@/testing/harness'
import { outcomeUnknown, readWalletProblem } from './walletProblem'

const failure = (status: number, code: string, extra = {}) =>
  apiFailure(status, { error: { code, message: 'x', ...extra } })

describe('readWalletProblem', () => {
  it('names the send form field each refusal concerns', () => {
    expect(readWalletProblem(failure(404, 'RECIPIENT_UNKNOWN')).field).toBe(
      'to',
    )
    expect(readWalletProblem(failure(409, 'INSUFFICIENT_FUNDS')).field).toBe(
      'amount',
    )
    expect(readWalletProblem(failure(409, 'TRANSFER_ID_REUSED')).field).toBe(
      undefined,
    )
  })

  it('takes the field of VALIDATION_FAILED from its details', () => {
    const problem = readWalletProblem(
      failure(400, 'VALIDATION_FAILED', {
        details: [
          { field: 'body', problem: 'required' },
          { field: 'body.description', problem: 'too_long' },
        ],
      }),
    )
    expect(problem).toEqual({ code: 'VALIDATION_FAILED', field: 'description' })
    expect(
      readWalletProblem(failure(400, 'VALIDATION_FAILED')).field,
    ).toBeUndefined()
  })

  it('reads how long to wait from Retry-After, and only a whole number', () => {
    const limited = apiFailure(429, {
      error: { code: 'RATE_LIMITED', message: 'x' },
    })
    limited.response!.headers['retry-after'] = '12'
    expect(readWalletProblem(limited).retryAfter).toBe(12)
    limited.response!.headers['retry-after'] = 'Fri, 04 Dec 2026 18:00:00 GMT'
    expect(readWalletProblem(limited).retryAfter).toBeUndefined()
  })

  it('knows a send without an answer may or may not have happened', () => {
    expect(outcomeUnknown(readWalletProblem(networkFailure()))).toBe(true)
    expect(outcomeUnknown(readWalletProblem(failure(409, 'X')))).toBe(false)
  })
})
