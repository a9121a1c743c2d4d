import {
  isValidPersonalCode,
  personalCodeBirthDate,
} from '../../common/personalCode.ts'
import { personRandom } from '../registers/personRandom.ts'

/** A Finnish employer, by its business id (Y-tunnus). */
export interface FinnishPayer {
  businessId: string
  name: string
}

/** Earned income one payer paid in a year, in euros. */
export interface FinnishIncome {
  payer: FinnishPayer
  type: 'salary'
  months: number
  grossIncome: number
  taxWithheld: number
}

/** The check digit of a business id's first seven digits. */
function businessIdCheck(firstSeven: string): number {
  const weights = [7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(firstSeven[i]), 0)
  const remainder = sum % 11
  return remainder === 0 ? 0 : 11 - remainder
}

/** A business id with its check digit; seven digits whose check is not 1. */
function businessId(firstSeven: string): string {
  return `${firstSeven}-${businessIdCheck(firstSeven)}`
}

/** Synthetic Finnish employers of Estonians who commute to work. */
export const FINNISH_EMPLOYERS: readonly FinnishPayer[] = [
  ['3012456', 'Uudenmaan Rakennus Oy'],
  ['2987310', 'Helsingin Satamapalvelut Oy'],
  ['3120549', 'Espoon Ohjelmistotalo Oy'],
  ['2876532', 'Vantaan Logistiikka Oy'],
  ['3054125', 'Turun Telakkapalvelut Oy'],
].map(([first, name]) => ({
  businessId: businessId(first ?? ''),
  name: name ?? '',
}))

/** About one resident in twenty works in Finland. */
const SHARE_WORKING_IN_FINLAND = 0.05

/**
 * What the Finnish Tax Administration knows of an Estonian resident's
 * earned income in Finland in `year`: nothing for most, a salary from a
 * Finnish employer for about one in twenty of working age, from the year
 * they started there. Deterministic for a personal code and a year; a
 * code that is not Estonian, or a year after `today`'s, has none.
 */
export function finnishIncomeOf(
  personalCode: string,
  year: number,
  today: Date,
): FinnishIncome[] {
  if (!isValidPersonalCode(personalCode)) return []
  const random = personRandom(personalCode, 'finland')
  if (!random.chance(SHARE_WORKING_IN_FINLAND)) return []

  const birthYear = Number(personalCodeBirthDate(personalCode)?.slice(0, 4))
  const age = year - birthYear
  const started = Math.max(birthYear + 20, random.int(2008, 2022))
  if (age >= 65 || year < started || year > today.getUTCFullYear()) return []

  const monthly = random.int(2400, 4800) * 100
  const taxRate = random.int(20, 34) / 100
  const employer = random.pick(FINNISH_EMPLOYERS)
  const season = personRandom(personalCode, `finland/${year}`)
  const months =
    year === today.getUTCFullYear()
      ? Math.min(today.getUTCMonth(), season.int(4, 12))
      : season.int(4, 12)
  if (months === 0) return []

  const gross = monthly * months
  return [
    {
      payer: employer,
      type: 'salary',
      months,
      grossIncome: gross / 100,
      taxWithheld: Math.round(gross * taxRate) / 100,
    },
  ]
}
