import { addDays, isoDate } from '../../population/dates.ts'
import type { PersonRecord } from '../../population/store.ts'
import { personRandom } from '../personRandom.ts'
import { DRUGS } from './drugs.ts'

/** Where a prescription stands on the reference day. */
export type PrescriptionStatus = 'valid' | 'dispensed' | 'expired'

/** A digital prescription. */
export interface Prescription {
  number: string
  drug: string
  activeSubstance: string
  /** Per cent of the price the Health Insurance Fund pays. */
  reimbursement: number
  prescribedOn: string
  validUntil: string
  status: PrescriptionStatus
  /** When a pharmacy dispensed it; null unless dispensed. */
  dispensedOn: string | null
}

/** An ordinary prescription is valid for 60 days, a lasting one 180. */
const VALID_DAYS = 60
const LASTING_VALID_DAYS = 180

/**
 * The person's prescriptions of the last year, newest first: a few for
 * most people, more for older ones, none for e-residents. Deterministic
 * for a person and a day.
 */
export function prescriptionsOf(
  person: PersonRecord,
  today: Date,
): Prescription[] {
  if (person.kind === 'e-resident') return []
  const random = personRandom(person.personalCode, 'prescriptions')
  const age = today.getUTCFullYear() - Number(person.birthDate.slice(0, 4))
  const count = random.int(0, 3) + (age >= 55 ? random.int(1, 3) : 0)

  const list: Prescription[] = []
  for (let i = 0; i < count; i++) {
    const drug = random.pick(DRUGS)
    const prescribed = addDays(today, -random.int(0, 364))
    const validUntil = addDays(
      prescribed,
      drug.lasting ? LASTING_VALID_DAYS : VALID_DAYS,
    )
    const dispensedAfter = random.int(0, 20)
    const dispensed =
      random.chance(0.65) && addDays(prescribed, dispensedAfter) < today
        ? addDays(prescribed, dispensedAfter)
        : null
    list.push({
      number: `1${random.digits(9)}`,
      drug: drug.name,
      activeSubstance: drug.activeSubstance,
      reimbursement: drug.reimbursement,
      prescribedOn: isoDate(prescribed),
      validUntil: isoDate(validUntil),
      status: dispensed
        ? 'dispensed'
        : validUntil < today
          ? 'expired'
          : 'valid',
      dispensedOn: dispensed && isoDate(dispensed),
    })
  }
  return list.sort(
    (a, b) =>
      b.prescribedOn.localeCompare(a.prescribedOn) ||
      a.number.localeCompare(b.number),
  )
}
