/**
 * Days as they are in Estonia: the portal stores UTC and shows, groups
 * and counts by the Europe/Tallinn calendar day, wherever the server or
 * the device is.
 */

export const PORTAL_TIME_ZONE = 'Europe/Tallinn'

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: PORTAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: PORTAL_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The Tallinn calendar day of an instant, `YYYY-MM-DD`. */
export function tallinnDay(instant: Date | number = new Date()): string {
  return DAY.format(instant)
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number) as [
    number,
    number,
    number,
  ]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.toISOString().slice(0, 10) === text
}

/** The day `days` after (or before) a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/**
 * The instant a Tallinn day begins. Estonia is UTC+2 in winter and UTC+3
 * in summer, and its clocks change at 03:00/04:00, never at midnight, so
 * one of the two offsets gives local midnight.
 */
export function tallinnDayStart(day: string): Date {
  if (!isCalendarDay(day)) throw new RangeError(`${day} is not a calendar day`)
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  for (const hours of [2, 3]) {
    const instant = utcMidnight - hours * 3_600_000
    if (tallinnDay(instant) === day && HOUR.format(instant) === '00:00') {
      return new Date(instant)
    }
  }
  throw new RangeError(`no midnight found in Tallinn on ${day}`)
}
