import { describe, expect, it } from 'vitest'
import { tallinnMonth, tallinnMonthRange } from './tallinnMonth.ts'

describe('Tallinn months', () => {
  it.each([
    ['2026-11-30T21:59:59.999Z', '2026-11'],
    ['2026-11-30T22:00:00.000Z', '2026-12'],
    ['2026-06-30T20:59:59.999Z', '2026-06'],
    ['2026-06-30T21:00:00.000Z', '2026-07'],
  ])('puts %s in %s', (instant, month) => {
    expect(tallinnMonth(new Date(instant))).toBe(month)
  })

  it('starts winter months at 22:00 UTC and summer ones at 21:00 UTC', () => {
    expect(tallinnMonthRange('2027-01')).toEqual({
      start: new Date('2026-12-31T22:00:00Z'),
      end: new Date('2027-01-31T22:00:00Z'),
    })
    // Clocks go forward on the last Sunday of March.
    expect(tallinnMonthRange('2026-03')).toEqual({
      start: new Date('2026-02-28T22:00:00Z'),
      end: new Date('2026-03-31T21:00:00Z'),
    })
  })

  it('refuses a month not written YYYY-MM', () => {
    expect(() => tallinnMonthRange('2026-00')).toThrow(/YYYY-MM/)
  })
})
