import {
  addDays,
  addYears,
  isoDate,
  parseIsoDate,
} from '../../population/dates.ts'
import type { PersonRecord } from '../../population/store.ts'
import { personRandom } from '../personRandom.ts'
import { PENSION_AGE, worksIn } from '../workHistory.ts'

/** Why the state insures a person. */
export type InsuranceBasis =
  | 'employment'
  | 'minor'
  | 'student'
  | 'pensioner'
  | 'registered-unemployed'
  | 'parent-of-young-child'

/** A person's health insurance on the reference day. */
export interface InsuranceStatus {
  personalCode: string
  insured: boolean
  /** Null when not insured. */
  basis: InsuranceBasis | null
  /** Null when not insured, or insured without an end (pensioners). */
  validUntil: string | null
}

/** Insurance continues this long after a job ends. */
const AFTER_EMPLOYMENT_DAYS = 61

function ageOn(birthDate: string, day: Date): number {
  const birth = parseIsoDate(birthDate)
  let age = day.getUTCFullYear() - birth.getUTCFullYear()
  if (addYears(birth, age) > day) age -= 1
  return age
}

/**
 * The person's health insurance: children until 19, pensioners without
 * end, employees while they work and two months after; some others as
 * students, registered unemployed or parents at home; e-residents, who
 * live abroad, never. Deterministic for a person and a day.
 */
export function insuranceOf(
  person: PersonRecord,
  today: Date,
): InsuranceStatus {
  const uninsured = {
    personalCode: person.personalCode,
    insured: false,
    basis: null,
    validUntil: null,
  }
  if (person.kind === 'e-resident') return uninsured

  const insured = (basis: InsuranceBasis, until: Date | null) => ({
    personalCode: person.personalCode,
    insured: true,
    basis,
    validUntil: until && isoDate(until),
  })
  const age = ageOn(person.birthDate, today)
  const birth = parseIsoDate(person.birthDate)
  if (age < 19) return insured('minor', addDays(addYears(birth, 19), -1))
  if (age >= PENSION_AGE) return insured('pensioner', null)
  if (worksIn(person, today.getUTCFullYear())) {
    return insured('employment', addDays(today, AFTER_EMPLOYMENT_DAYS))
  }

  const random = personRandom(person.personalCode, 'insurance')
  const year = today.getUTCFullYear()
  if (age < 25 && random.chance(0.7)) {
    // Student insurance lasts until the end of October after the term.
    const october = new Date(Date.UTC(year, 9, 31))
    return insured(
      'student',
      october >= today ? october : new Date(Date.UTC(year + 1, 9, 31)),
    )
  }
  if (random.chance(0.4)) {
    return insured('registered-unemployed', addDays(today, random.int(20, 180)))
  }
  if (age < 45 && random.chance(0.5)) {
    return insured('parent-of-young-child', addDays(today, random.int(90, 900)))
  }
  return uninsured
}
