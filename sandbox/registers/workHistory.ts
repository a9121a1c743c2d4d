import type { PersonRecord } from '../population/store.ts'
import { EMPLOYERS, PENSION_PAYER, type Payer } from './payers.ts'
import { personRandom } from './personRandom.ts'

/** What a payer paid a person in one year. */
export interface IncomeLine {
  payer: Payer
  type: 'salary' | 'pension'
  /** Months of the year the income was paid for. */
  months: number
  grossCents: number
}

/** The age from which the sandbox pays old-age pensions. */
export const PENSION_AGE = 65

/** The person's lasting traits at work, the same every year. */
interface WorkTraits {
  worker: boolean
  /** Monthly salary in 2017, in cents; later years grow from it. */
  salary2017: number
  pension2017: number
  firstEmployer: number
  yearsPerEmployer: number
  sideJob: Payer | null
  sideSalary2017: number
}

function traitsOf(personalCode: string): WorkTraits {
  const random = personRandom(personalCode, 'work')
  return {
    worker: random.chance(0.85),
    salary2017: random.int(600, 2800) * 100,
    pension2017: random.int(380, 620) * 100,
    firstEmployer: random.int(0, EMPLOYERS.length - 1),
    yearsPerEmployer: random.int(3, 9),
    sideJob: random.chance(0.12) ? random.pick(EMPLOYERS) : null,
    sideSalary2017: random.int(150, 700) * 100,
  }
}

/** Wages and pensions grow about six per cent a year. */
function grown(cents2017: number, year: number): number {
  return Math.round(cents2017 * 1.06 ** (year - 2017))
}

/**
 * Whether the person works (is paid a salary) in `year`: e-residents and
 * children never, pensioners not in the sandbox, others unless a
 * deterministic gap year says not.
 */
export function worksIn(person: PersonRecord, year: number): boolean {
  if (person.kind === 'e-resident') return false
  const age = year - Number(person.birthDate.slice(0, 4))
  if (age < 19 || age >= PENSION_AGE) return false
  if (!traitsOf(person.personalCode).worker) return false
  return !personRandom(person.personalCode, `gap/${year}`).chance(0.05)
}

/**
 * Income the person was paid in Estonia in `year`, by payer: salary from
 * an employer that changes every few years, sometimes a side job, summer
 * jobs for teenagers and the old-age pension from 65. A year after `today`
 * has none; the year of `today` counts only its finished months.
 * Deterministic for a person, a year and a day.
 */
export function incomeOf(
  person: PersonRecord,
  year: number,
  today: Date,
): IncomeLine[] {
  const months =
    year < today.getUTCFullYear()
      ? 12
      : year === today.getUTCFullYear()
        ? today.getUTCMonth()
        : 0
  if (months === 0 || person.kind === 'e-resident') return []

  const code = person.personalCode
  const traits = traitsOf(code)
  const age = year - Number(person.birthDate.slice(0, 4))
  const lines: IncomeLine[] = []

  if (age >= PENSION_AGE) {
    lines.push({
      payer: PENSION_PAYER,
      type: 'pension',
      months,
      grossCents: grown(traits.pension2017, year) * months,
    })
  } else if (age >= 16 && age < 19) {
    const summer = personRandom(code, `summer/${year}`)
    if (months >= 8 && summer.chance(0.3)) {
      lines.push({
        payer: summer.pick(EMPLOYERS),
        type: 'salary',
        months: 2,
        grossCents: summer.int(600, 900) * 100 * 2,
      })
    }
  } else if (worksIn(person, year)) {
    const index =
      (traits.firstEmployer +
        Math.floor((year - 2000) / traits.yearsPerEmployer)) %
      EMPLOYERS.length
    const employer = EMPLOYERS[index] ?? PENSION_PAYER
    lines.push({
      payer: employer,
      type: 'salary',
      months,
      grossCents: grown(traits.salary2017, year) * months,
    })
    if (traits.sideJob && traits.sideJob !== employer) {
      lines.push({
        payer: traits.sideJob,
        type: 'salary',
        months,
        grossCents: grown(traits.sideSalary2017, year) * months,
      })
    }
  }
  return lines
}
