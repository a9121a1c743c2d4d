import { describe, expect, it } from 'vitest'
import {
  addDays,
  isCalendarDay,
  tallinnDay,
  tallinnDayStart,
} from './tallinnTime.ts'

describe('Tallinn days', () => {
  it('names the Tallinn day of an instant, across midnight and DST', () => {
    expect(tallinnDay(new Date('2026-12-03T21:59:59Z'))).toBe('2026-12-03')
    expect(tallinnDay(new Date('2026-12-03T22:00:00Z'))).toBe('2026-12-04')
    expect(tallinnDay(new Date('2026-07-01T20:59:59Z'))).toBe('2026-07-01')
    expect(tallinnDay(new Date('2026-07-01T21:00:00Z'))).toBe('2026-07-02')
  })

  it('finds local midnight in winter, in summer and on the days clocks change', () => {
    expect(tallinnDayStart('2026-12-04').toISOString()).toBe(
      '2026-12-03T22:00:00.000Z',
    )
    expect(tallinnDayStart('2026-07-02').toISOString()).toBe(
      '2026-07-01T21:00:00.000Z',
    )
    // 2026-03-29 04:00 → 03:00 … clocks go forward; 2026-10-25 back.
    expect(tallinnDayStart('2026-03-29').toISOString()).toBe(
      '2026-03-28T22:00:00.000Z',
    )
    expect(tallinnDayStart('2026-03-30').toISOString()).toBe(
      '2026-03-29T21:00:00.000Z',
    )
    expect(tallinnDayStart('2026-10-25').toISOString()).toBe(
      '2026-10-24T21:00:00.000Z',
    )
    expect(tallinnDayStart('2026-10-26').toISOString()).toBe(
      '2026-10-25T22:00:00.000Z',
    )
  })

  it('checks and steps calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true)
    expect(isCalendarDay('2026-02-29')).toBe(false)
    expect(isCalendarDay('2026-2-01')).toBe(false)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(() => tallinnDayStart('2026-13-01')).toThrow(RangeError)
  })
})
