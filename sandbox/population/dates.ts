/** Calendar-day helpers for the population generator; all in UTC. */

const DAY_MS = 86_400_000

/** The UTC calendar day of `date`, at midnight. */
export function startOfDay(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  )
}

/** `date` moved by whole days (negative moves back). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}

/**
 * `date` moved by whole years; 29 February becomes 28 February in a common
 * year, as documents' validity is counted.
 */
export function addYears(date: Date, years: number): Date {
  const year = date.getUTCFullYear() + years
  const month = date.getUTCMonth()
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)))
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS)
}

/** `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Parses `YYYY-MM-DD` as a UTC day. */
export function parseIsoDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`)
}
