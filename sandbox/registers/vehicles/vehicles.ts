import {
  addDays,
  addYears,
  daysBetween,
  isoDate,
  parseIsoDate,
} from '../../population/dates.ts'
import type { PersonRecord } from '../../population/store.ts'
import type { SeededRandom } from '../../population/random.ts'
import { personRandom } from '../personRandom.ts'
import { LEASING_COMPANIES, MODELS } from './models.ts'

/** A vehicle in the traffic register, as its owner or user sees it. */
export interface Vehicle {
  /** Estonian plate: three digits and three letters, e.g. `123 ABC`. */
  registrationNumber: string
  vin: string
  make: string
  model: string
  fuel: string
  /** First registration anywhere, `YYYY-MM-DD`. */
  firstRegistration: string
  /** Owner, or user of a car a leasing company owns. */
  role: 'owner' | 'user'
  /** The owner's name when the person only uses the car. */
  owner: string | null
  inspectionValidUntil: string
  inspectionValid: boolean
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPRSTUVZ'
const VIN_CHARACTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'

function letters(random: SeededRandom, alphabet: string, n: number): string {
  let text = ''
  for (let i = 0; i < n; i++) text += random.pick([...alphabet])
  return text
}

/**
 * When the periodic inspection runs out: a new car's after four years,
 * then every two years, every year from ten years old; a car overdue a
 * few weeks now and then.
 */
function inspectionDue(
  random: SeededRandom,
  firstRegistration: Date,
  today: Date,
): Date {
  const firstDue = addYears(firstRegistration, 4)
  if (firstDue > today) return firstDue
  const age = daysBetween(firstRegistration, today) / 365
  const period = age >= 10 ? 1 : 2
  const lastInspection = addDays(today, -random.int(0, period * 365 - 1))
  const due = addYears(lastInspection, period)
  return random.chance(0.08) ? addDays(today, -random.int(5, 90)) : due
}

function vehicle(
  random: SeededRandom,
  role: Vehicle['role'],
  today: Date,
): Vehicle {
  const latest = today.getUTCFullYear()
  // Leased cars are at most three years old.
  const earliest = role === 'user' ? latest - 3 : 0
  const available = MODELS.filter(
    (m) => m.from <= latest - 1 && m.to >= earliest,
  )
  const model = random.pick(available)
  const year = random.int(
    Math.max(model.from, earliest),
    Math.min(model.to, latest - 1),
  )
  const firstRegistration = new Date(
    Date.UTC(year, random.int(0, 11), random.int(1, 28)),
  )
  const due = inspectionDue(random, firstRegistration, today)
  return {
    registrationNumber: `${random.digits(3)} ${letters(random, PLATE_LETTERS, 3)}`,
    vin: letters(random, VIN_CHARACTERS, 17),
    make: model.make,
    model: model.model,
    fuel: model.fuel,
    firstRegistration: isoDate(firstRegistration),
    role,
    owner: role === 'user' ? random.pick(LEASING_COMPANIES) : null,
    inspectionValidUntil: isoDate(due),
    inspectionValid: due >= today,
  }
}

/**
 * Vehicles the person owns or uses, by registration number: about half of
 * the adults living in Estonia own a car, a few two, some drive a leased
 * one; children and e-residents have none. Deterministic for a person and
 * a day.
 */
export function vehiclesOf(person: PersonRecord, today: Date): Vehicle[] {
  if (person.kind === 'e-resident' || person.address === null) return []
  const adult = addYears(parseIsoDate(person.birthDate), 18)
  if (adult > today) return []

  const random = personRandom(person.personalCode, 'vehicles')
  const list: Vehicle[] = []
  if (random.chance(0.55)) {
    list.push(vehicle(random, 'owner', today))
    if (random.chance(0.15)) list.push(vehicle(random, 'owner', today))
  }
  if (random.chance(0.12)) list.push(vehicle(random, 'user', today))
  return list.sort((a, b) =>
    a.registrationNumber.localeCompare(b.registrationNumber),
  )
}
