import { describe, expect, it } from 'vitest'
import { isMonth, statementMonths } from './statementMonths'

describe('statementMonths', () => {
  it('starts at the Tallinn month, a new one before UTC has it', () => {
    // 31 Dec 22:30 UTC is already 1 January in Tallinn.
    const months = statementMonths(new Date('2026-12-31T22:30:00Z'), 3)
    expect(months).toEqual(['2027-01', '2026-12', '2026-11'])
  })

  it('goes back across years', () => {
    const months = statementMonths(new Date('2026-02-10T12:00:00Z'), 4)
    expect(months).toEqual(['2026-02', '2026-01', '2025-12', '2025-11'])
  })
})

describe('isMonth', () => {
  it('accepts YYYY-MM and nothing else', () => {
    expect(isMonth('2026-11')).toBe(true)
    expect(isMonth('2026-13')).toBe(false)
    expect(isMonth('2026-1')).toBe(false)
    expect(isMonth(['2026-11'])).toBe(false)
  })
})
