import {
  makePersonalCode,
  personalCodeBirthDate,
} from '../../common/personalCode.ts'
import {
  addDays,
  addYears,
  daysBetween,
  isoDate,
  parseIsoDate,
  startOfDay,
} from './dates.ts'
import { DocumentIssuer, type CardState } from './documents.ts'
import {
  ESTONIAN_FAMILY_NAMES,
  ESTONIAN_GIVEN_NAMES,
  FOREIGN_NAMES,
  RUSSIAN_FAMILY_NAMES,
  RUSSIAN_GIVEN_NAMES,
  familyNameFor,
  type GivenNames,
} from './names.ts'
import { PLACES, type Place } from './places.ts'
import {
  PUBLIC_DEMO_IDENTITIES,
  type PublicDemoIdentity,
} from './publicDemoIdentities.ts'
import { SeededRandom } from './random.ts'
import type { Address, Resident, ResidentKind, Sex } from './resident.ts'

export { demoIdentities } from './demoIdentities.ts'

/** The seed the sandbox uses unless told otherwise. */
export const DEFAULT_SEED = 372

/** How many residents the sandbox generates unless told otherwise. */
export const DEFAULT_COUNT = 1000

/** What the generator needs; the same options give the same residents. */
export interface GenerateOptions {
  /** The day document validity is counted from. */
  today: Date
  seed?: number
  /** At least this many residents; whole households may add a few more. */
  count?: number
}

/** A household's language, which picks names and citizenships. */
type Origin = 'estonian' | 'russian' | 'foreign'

interface NewPerson {
  sex: Sex
  birthDate: Date
  kind: ResidentKind
  citizenship: string
  origin: Origin
  /** Family name before its female form; shared by a household. */
  familyBase: string
  address: Address | null
  givenName?: string
  familyName?: string
  personalCode?: string
  phoneNumber?: string
  idCard?: CardState
}

/** Each place's weight, keyed by its index in PLACES. */
const PLACE_WEIGHTS: Record<string, number> = Object.fromEntries(
  PLACES.map((place, i) => [String(i), place.weight]),
)

// Households average about 2.5 people, so this makes roughly one resident
// in ten an e-resident.
const E_RESIDENT_CHANCE = 0.2

/**
 * Generates the sandbox population: Estonian and Russian-speaking
 * households with addresses, families linked both ways and identity
 * documents, e-residents abroad, and every public Mobile-ID and Smart-ID
 * demo identity. Deterministic for a seed and a day.
 */
export function generateResidents(options: GenerateOptions): Resident[] {
  const builder = new PopulationBuilder(
    new SeededRandom(options.seed ?? DEFAULT_SEED),
    startOfDay(options.today),
  )
  builder.addPublicDemoIdentities()
  builder.addDocumentExamples()

  const count = options.count ?? DEFAULT_COUNT
  while (builder.residents.length < count) {
    if (builder.random.chance(E_RESIDENT_CHANCE)) builder.addEResident()
    else builder.addHousehold()
  }
  return builder.residents
}

class PopulationBuilder {
  readonly residents: Resident[] = []
  private readonly byCode = new Map<string, Resident>()
  /** Each person's family name before its female form, and their origin. */
  private readonly roots = new Map<string, { base: string; origin: Origin }>()
  private readonly codes = new Set<string>()
  private readonly phones = new Set<string>()
  private readonly documents: DocumentIssuer

  constructor(
    readonly random: SeededRandom,
    private readonly today: Date,
  ) {
    this.documents = new DocumentIssuer(random, today)
    for (const demo of PUBLIC_DEMO_IDENTITIES) {
      this.codes.add(demo.personalCode)
      if (demo.mobileIdPhone) this.phones.add(demo.mobileIdPhone)
    }
  }

  /**
   * The demo identities. Both Mobile-ID `OK` ones are ordinary citizens
   * with an address, a family and a valid ID-card.
   */
  addPublicDemoIdentities(): void {
    const [mary, eliise, ...others] = PUBLIC_DEMO_IDENTITIES
    if (mary) this.addMaryWithFamily(mary)
    if (eliise) this.addEliiseWithFamily(eliise)
    for (const demo of others) {
      const address = this.address(this.pickPlace())
      this.person({ ...this.fromDemo(demo, address), idCard: 'lasting' })
    }
  }

  /** Citizens whose ID-card expires soon or has expired, for the demos. */
  addDocumentExamples(): void {
    for (const idCard of ['expiring', 'expired'] as const) {
      const address = this.address(this.pickPlace())
      const sex = this.random.pick(['female', 'male'] as const)
      this.person({
        ...this.estonian(sex, this.birthDate(25, 60), address),
        idCard,
      })
    }
  }

  addEResident(): void {
    const country = this.random.pick(Object.keys(FOREIGN_NAMES))
    const names = FOREIGN_NAMES[country]
    if (!names) return
    this.person({
      sex: this.random.pick(['female', 'male'] as const),
      birthDate: this.birthDate(22, 70),
      kind: 'e-resident',
      citizenship: country,
      origin: 'foreign',
      familyBase: this.random.pick(names.family),
      address: null,
    })
  }

  /** One household sharing an address; grown children may live apart. */
  addHousehold(): void {
    const place = this.pickPlace()
    const address = this.address(place)
    const origin: Origin = this.random.chance(0.03)
      ? 'foreign'
      : this.random.chance(place.russianShare)
        ? 'russian'
        : 'estonian'
    const shape = this.random.weighted({
      single: 22,
      couple: 18,
      family: 40,
      singleParent: 12,
      elderly: 8,
    })

    const first = this.adult(origin, address, shape === 'elderly')
    if (shape === 'single') return
    if (shape !== 'singleParent') this.marry(first, this.partnerOf(first))
    if (shape === 'couple') return

    const childCount = shape === 'elderly' ? 1 : this.random.int(1, 3)
    for (let i = 0; i < childCount; i++) this.childOf(first)
  }

  private addMaryWithFamily(demo: PublicDemoIdentity): void {
    const address = this.address(PLACES[0] ?? this.pickPlace())
    const mary = this.person({
      ...this.fromDemo(demo, address),
      idCard: 'lasting',
    })
    const spouse = this.person({
      ...this.estonian('male', this.birthDate(25, 30), address),
      familyBase: 'Kask',
    })
    this.marry(mary, spouse)

    // A child born after Mary turned 21, when `today` allows one.
    const from = addYears(new Date(Date.UTC(2000, 0, 1)), 21)
    const to = addDays(this.today, -200)
    if (from < to) {
      const child = this.person({
        ...this.estonian(
          'female',
          addDays(from, this.random.int(0, daysBetween(from, to))),
          address,
        ),
        familyBase: 'Kask',
      })
      this.parentOf(mary, child)
      this.parentOf(spouse, child)
    }

    const parentsHome = this.address(this.pickPlace())
    const mother = this.person(
      this.estonian('female', this.bornBetween(1966, 1976), parentsHome),
    )
    const father = this.person({
      ...this.estonian('male', this.bornBetween(1964, 1975), parentsHome),
      familyBase: mother.familyName,
    })
    this.marry(mother, father)
    this.parentOf(mother, mary)
    this.parentOf(father, mary)
  }

  private addEliiseWithFamily(demo: PublicDemoIdentity): void {
    const tartu = PLACES.find((p) => p.municipality === 'Tartu linn')
    const address = this.address(tartu ?? this.pickPlace())
    const eliise = this.person({
      ...this.fromDemo(demo, address),
      idCard: 'lasting',
    })
    const mother = this.person(
      this.estonian('female', this.bornBetween(1968, 1978), address),
    )
    const father = this.person({
      ...this.estonian('male', this.bornBetween(1966, 1976), address),
      familyBase: mother.familyName,
    })
    const brother = this.person({
      ...this.estonian('male', this.bornBetween(2004, 2008), address),
      familyBase: mother.familyName,
    })
    this.marry(mother, father)
    for (const child of [eliise, brother]) {
      this.parentOf(mother, child)
      this.parentOf(father, child)
    }
  }

  private fromDemo(demo: PublicDemoIdentity, address: Address): NewPerson {
    return {
      sex: demo.sex,
      birthDate: parseIsoDate(personalCodeBirthDate(demo.personalCode) ?? ''),
      kind: 'citizen',
      citizenship: 'EE',
      origin: 'estonian',
      familyBase: demo.familyName,
      address,
      givenName: demo.givenName,
      familyName: demo.familyName,
      personalCode: demo.personalCode,
      phoneNumber: demo.mobileIdPhone,
    }
  }

  private estonian(sex: Sex, birthDate: Date, address: Address): NewPerson {
    return {
      sex,
      birthDate,
      kind: 'citizen',
      citizenship: 'EE',
      origin: 'estonian',
      familyBase: this.random.pick(ESTONIAN_FAMILY_NAMES),
      address,
    }
  }

  private adult(origin: Origin, address: Address, elderly: boolean): Resident {
    const sex = this.random.pick(['female', 'male'] as const)
    const birthDate = elderly ? this.birthDate(65, 92) : this.birthDate(20, 80)
    const { kind, citizenship } = this.citizenshipFor(origin)
    return this.person({
      sex,
      birthDate,
      kind,
      citizenship,
      origin,
      familyBase: this.familyBase(origin, citizenship),
      address,
    })
  }

  /** A spouse of about the same age, sharing the address and family name. */
  private partnerOf(first: Resident): Resident {
    const born = parseIsoDate(first.birthDate)
    const birthDate = this.notAfter(addDays(born, this.random.int(-2500, 2500)))
    const origin = this.originOf(first)
    const base = this.baseOf(first)
    return this.person({
      sex: first.sex === 'female' ? 'male' : 'female',
      birthDate: this.atLeastAge(birthDate, 18),
      kind: first.kind,
      citizenship: first.citizenship,
      origin,
      familyBase: this.random.chance(0.8)
        ? base
        : this.familyBase(origin, first.citizenship),
      address: first.address,
    })
  }

  /** A child of a parent and their spouse; adults get their own home. */
  private childOf(parent: Resident): void {
    const spouse = this.residentByCode(parent.family.spouse)
    const parents = spouse ? [parent, spouse] : [parent]
    // Born when both parents were 18–45, and not after yesterday.
    const births = parents.map((p) => parseIsoDate(p.birthDate).getTime())
    const from = addYears(new Date(Math.max(...births)), 18)
    const to = this.notAfter(addYears(new Date(Math.min(...births)), 45))
    if (from >= to) return
    const birthDate = addDays(from, this.random.int(0, daysBetween(from, to)))
    const adult = addYears(birthDate, 18) <= this.today
    const address =
      adult && this.random.chance(0.7)
        ? this.address(this.pickPlace())
        : parent.address

    const child = this.person({
      sex: this.random.pick(['female', 'male'] as const),
      birthDate,
      kind: parent.kind,
      citizenship: parent.citizenship,
      origin: this.originOf(parent),
      familyBase: this.baseOf(parent),
      address,
    })
    for (const p of parents) this.parentOf(p, child)
  }

  private citizenshipFor(origin: Origin): {
    kind: ResidentKind
    citizenship: string
  } {
    if (origin === 'estonian') return { kind: 'citizen', citizenship: 'EE' }
    if (origin === 'foreign') {
      const country = this.random.pick(Object.keys(FOREIGN_NAMES))
      return { kind: 'resident', citizenship: country }
    }
    const citizenship = this.random.weighted({ EE: 55, RU: 30, UA: 10, BY: 5 })
    return {
      kind: citizenship === 'EE' ? 'citizen' : 'resident',
      citizenship,
    }
  }

  private familyBase(origin: Origin, citizenship: string): string {
    if (origin === 'estonian') return this.random.pick(ESTONIAN_FAMILY_NAMES)
    if (origin === 'russian') return this.random.pick(RUSSIAN_FAMILY_NAMES)
    const names = FOREIGN_NAMES[citizenship]
    return this.random.pick(names?.family ?? ESTONIAN_FAMILY_NAMES)
  }

  private person(spec: NewPerson): Resident {
    const resident: Resident = {
      personalCode: spec.personalCode ?? this.personalCode(spec),
      givenName: spec.givenName ?? this.givenName(spec),
      familyName:
        spec.familyName ??
        familyNameFor(spec.familyBase, spec.sex, spec.origin === 'russian'),
      sex: spec.sex,
      birthDate: isoDate(spec.birthDate),
      kind: spec.kind,
      citizenship: spec.citizenship,
      phoneNumber: spec.phoneNumber ?? this.phoneNumber(),
      address: spec.address,
      family: { spouse: null, children: [], parents: [] },
      documents: this.documents.documentsFor(
        spec.kind,
        isoDate(spec.birthDate),
        spec.idCard,
      ),
    }
    this.residents.push(resident)
    this.byCode.set(resident.personalCode, resident)
    this.roots.set(resident.personalCode, {
      base: spec.familyBase,
      origin: spec.origin,
    })
    return resident
  }

  private residentByCode(code: string | null): Resident | undefined {
    return code === null ? undefined : this.byCode.get(code)
  }

  private baseOf(resident: Resident): string {
    return this.roots.get(resident.personalCode)?.base ?? resident.familyName
  }

  private originOf(resident: Resident): Origin {
    return this.roots.get(resident.personalCode)?.origin ?? 'estonian'
  }

  private givenName(spec: NewPerson): string {
    const pools: Record<Origin, GivenNames> = {
      estonian: ESTONIAN_GIVEN_NAMES,
      russian: RUSSIAN_GIVEN_NAMES,
      foreign: FOREIGN_NAMES[spec.citizenship]?.given ?? ESTONIAN_GIVEN_NAMES,
    }
    return this.random.pick(pools[spec.origin][spec.sex])
  }

  private personalCode(spec: NewPerson): string {
    const birthDate = isoDate(spec.birthDate)
    for (;;) {
      const serial = this.random.int(0, 999)
      const code = makePersonalCode(birthDate, spec.sex, serial)
      if (!this.codes.has(code)) {
        this.codes.add(code)
        return code
      }
    }
  }

  private phoneNumber(): string {
    for (;;) {
      const phone = `+3725${this.random.digits(7)}`
      if (!this.phones.has(phone)) {
        this.phones.add(phone)
        return phone
      }
    }
  }

  private marry(a: Resident, b: Resident): void {
    a.family.spouse = b.personalCode
    b.family.spouse = a.personalCode
  }

  private parentOf(parent: Resident, child: Resident): void {
    parent.family.children.push(child.personalCode)
    child.family.parents.push(parent.personalCode)
  }

  private pickPlace(): Place {
    const place = PLACES[Number(this.random.weighted(PLACE_WEIGHTS))]
    if (!place) throw new Error('No places to live in')
    return place
  }

  private address(place: Place): Address {
    const apartment = this.random.chance(place.apartmentShare)
    const house = String(this.random.int(1, apartment ? 120 : 60))
    return {
      county: place.county,
      municipality: place.municipality,
      settlement: place.settlement,
      street: this.random.pick(place.streets),
      house: this.random.chance(0.1) ? `${house}a` : house,
      apartment: apartment ? String(this.random.int(1, 96)) : null,
      postalCode: this.random.pick(place.postalCodes),
    }
  }

  /** A birth date giving an age from `minAge` to `maxAge` today. */
  private birthDate(minAge: number, maxAge: number): Date {
    const latest = addYears(this.today, -minAge)
    const earliest = addDays(addYears(this.today, -maxAge - 1), 1)
    return addDays(earliest, this.random.int(0, daysBetween(earliest, latest)))
  }

  private bornBetween(fromYear: number, toYear: number): Date {
    const from = new Date(Date.UTC(fromYear, 0, 1))
    const to = new Date(Date.UTC(toYear, 11, 31))
    return addDays(from, this.random.int(0, daysBetween(from, to)))
  }

  private notAfter(date: Date): Date {
    const latest = addDays(this.today, -1)
    return date > latest ? latest : date
  }

  private atLeastAge(birthDate: Date, age: number): Date {
    const latest = addYears(this.today, -age)
    return birthDate > latest ? latest : birthDate
  }
}
