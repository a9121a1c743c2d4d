import { isValidPersonalCode } from '../../common/personalCode.ts'
import { UsageError } from './errors.ts'

/** The most records one findUsage answer carries (and the default). */
export const MAX_LIMIT = 1000

/** A higher offset cannot name a record; it is refused as malformed. */
const MAX_OFFSET = 1_000_000_000

const PARAMETERS = new Set([
  'userCode',
  'periodStart',
  'periodEnd',
  'offset',
  'limit',
])

/** A findUsage query, checked. */
export interface FindUsageQuery {
  /** The data subject's personal code, without a country prefix. */
  personalCode: string
  periodStart?: Date
  periodEnd?: Date
  offset: number
  limit: number
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/

/**
 * Parses an RFC 3339 date-time with a time zone, such as
 * `2025-06-15T10:00:00Z` or `2025-06-15T13:00:00.5+03:00`; null when
 * it is anything else, including a day that does not exist.
 */
export function parseDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map(Number) as [number, number, number, number, number, number]
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const zoneHours = match[9] === undefined ? 0 : Number(match[9])
  const zoneMinutes = match[10] === undefined ? 0 : Number(match[10])
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > days ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    zoneHours > 23 ||
    zoneMinutes > 59
  ) {
    return null
  }
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

function integer(text: string | undefined, fallback: number, max: number) {
  if (text === undefined) return fallback
  if (!/^\d{1,10}$/.test(text)) return null
  const value = Number(text)
  return value > max ? null : value
}

/**
 * Checks a findUsage query string (without `?`) strictly: `userCode` is
 * required and must be a valid Estonian personal code, optionally with
 * the `EE` prefix the Data Tracker protocol shows; periods are RFC 3339
 * date-times, both ends included; `offset` defaults to 0 and `limit` to
 * 1000, its maximum. Unknown or repeated parameters are refused. Throws
 * a {@link UsageError} naming the first problem found.
 *
 * Limitation: only Estonian personal codes can be asked about, so the
 * Finnish register's log answers for Estonians it served, never for a
 * Finnish personal identity code (henkilötunnus).
 */
export function parseFindUsageQuery(search: string): FindUsageQuery {
  const params = new URLSearchParams(search)
  const seen = new Set<string>()
  for (const name of params.keys()) {
    if (!PARAMETERS.has(name) || seen.has(name)) {
      throw new UsageError('INVALID_PARAMETER')
    }
    seen.add(name)
  }

  const userCode = params.get('userCode')
  if (userCode === null || userCode === '') {
    throw new UsageError('MISSING_USER_CODE')
  }
  const personalCode = userCode.startsWith('EE') ? userCode.slice(2) : userCode
  if (!isValidPersonalCode(personalCode)) {
    throw new UsageError('INVALID_USER_CODE')
  }

  const period = (name: string): Date | undefined => {
    const text = params.get(name)
    if (text === null) return undefined
    const date = parseDateTime(text)
    if (!date) throw new UsageError('INVALID_PERIOD')
    return date
  }
  const periodStart = period('periodStart')
  const periodEnd = period('periodEnd')
  if (periodStart && periodEnd && periodStart > periodEnd) {
    throw new UsageError('INVALID_PERIOD')
  }

  const offset = integer(params.get('offset') ?? undefined, 0, MAX_OFFSET)
  const limit = integer(params.get('limit') ?? undefined, MAX_LIMIT, MAX_LIMIT)
  if (offset === null || limit === null || limit < 1) {
    throw new UsageError('INVALID_PAGING')
  }
  return { personalCode, periodStart, periodEnd, offset, limit }
}
