import { LedgerError } from './errors.ts'

/** Months are counted in the portal's time zone. */
const TIME_ZONE = 'Europe/Tallinn'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** Tallinn's wall-clock time at `instant`, as if it were UTC (ms). */
function wallClock(instant: number): number {
  const get = (type: string) =>
    Number(
      parts.formatToParts(instant).find((p) => p.type === type)?.value ?? 0,
    )
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
}

/** The month (`YYYY-MM`) that `date` falls in, in Europe/Tallinn. */
export function tallinnMonth(date: Date): string {
  return new Date(wallClock(date.getTime())).toISOString().slice(0, 7)
}

/** The instant Tallinn's clocks show midnight starting the given day. */
function tallinnMidnight(year: number, monthIndex: number): Date {
  const wall = Date.UTC(year, monthIndex, 1)
  // Two steps settle the offset; Tallinn never changes it at midnight.
  let instant = wall - (wallClock(wall) - wall)
  instant = wall - (wallClock(instant) - instant)
  return new Date(instant)
}

/**
 * The instants a Tallinn month runs over: from `start` (included) to `end`
 * (excluded). Refuses anything but `YYYY-MM` with MONTH_INVALID.
 */
export function tallinnMonthRange(month: string): { start: Date; end: Date } {
  const match = MONTH.exec(month)
  if (!match) throw new LedgerError('MONTH_INVALID')
  const year = Number(match[1])
  const index = Number(match[2]) - 1
  return {
    start: tallinnMidnight(year, index),
    end: tallinnMidnight(year, index + 1),
  }
}
