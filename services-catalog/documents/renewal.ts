/** How far ahead of expiry the portal tells a citizen to renew: 6 months. */
export const RENEWAL_NOTICE_MONTHS = 6

/** Whether a document needs attention, as the citizen should read it. */
export type Renewal = 'none' | 'due' | 'expired' | 'revoked'

/** Today's date in Estonia, as `YYYY-MM-DD`. */
export function tallinnToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

function addMonths(isoDate: string, months: number): string {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1 + months, d))
  return date.toISOString().slice(0, 10)
}

/**
 * Tells whether a document must be renewed: expired on or after its last
 * valid day, due within six months of it, revoked whatever its date says.
 */
export function renewalOf(
  document: { validUntil: string; status: string },
  today: string,
): Renewal {
  if (document.status === 'revoked') return 'revoked'
  if (document.status === 'expired' || document.validUntil < today) {
    return 'expired'
  }
  return document.validUntil <= addMonths(today, RENEWAL_NOTICE_MONTHS)
    ? 'due'
    : 'none'
}
