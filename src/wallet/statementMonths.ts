import { tallinnDay } from '@common/tallinnTime'

/** How many months back a statement can be chosen. */
export const MONTHS_OFFERED = 24

/** The current Tallinn month and the ones before it, newest first. */
export function statementMonths(
  now: Date = new Date(),
  count = MONTHS_OFFERED,
): string[] {
  const [year = 0, month = 1] = tallinnDay(now).split('-').map(Number)
  return Array.from({ length: count }, (_, back) => {
    const index = year * 12 + (month - 1) - back
    const y = Math.floor(index / 12)
    const m = (index % 12) + 1
    return `${y}-${String(m).padStart(2, '0')}`
  })
}

/** True for a `YYYY-MM` month. */
export function isMonth(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(text)
}
