import {
  addDays,
  addYears,
  daysBetween,
  isoDate,
  parseIsoDate,
} from '../../population/dates.ts'
import type { SeededRandom } from '../../population/random.ts'
import type { Address, Resident } from '../../population/resident.ts'
import { EMPLOYERS } from '../payers.ts'
import { personRandom } from '../personRandom.ts'
import type {
  Company,
  CompanyPerson,
  LegalForm,
  PersonCompany,
} from './company.ts'
import {
  ASSOCIATION_ACTIVITIES,
  ASSOCIATION_KINDS,
  COMPANY_ACTIVITIES,
  ESTONIAN_STEMS,
  ESTONIAN_TRADES,
  INTERNATIONAL_STEMS,
  INTERNATIONAL_TRADES,
  SERVICE_ADDRESSES,
} from './companyNames.ts'
import { makeRegistryCode } from './registryCode.ts'

/** The Business Register's companies, by registry code and by person. */
export interface BusinessDirectory {
  company(registryCode: string): Company | undefined
  /** The companies a person has roles in, by registry code. */
  companiesOf(personalCode: string): PersonCompany[]
}

/** E-residency began in December 2014. */
const E_RESIDENCY_START = new Date(Date.UTC(2015, 0, 1))

/** Since February 2023 an OÜ may be founded with one cent of capital. */
const SMALL_CAPITAL_FROM = new Date(Date.UTC(2023, 1, 1))

function formatAddress(address: Address): string {
  const house = address.apartment
    ? `${address.house}-${address.apartment}`
    : address.house
  return [
    `${address.street} ${house}`,
    address.settlement,
    address.municipality,
    address.county,
    address.postalCode,
  ].join(', ')
}

function dayBetween(random: SeededRandom, from: Date, to: Date): Date {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))))
}

class DirectoryBuilder {
  readonly companies = new Map<string, Company>()
  private readonly byCode: Map<string, Resident>

  constructor(
    residents: readonly Resident[],
    private readonly today: Date,
  ) {
    this.byCode = new Map(residents.map((r) => [r.personalCode, r]))
    for (const employer of EMPLOYERS) this.addEmployer(employer)
  }

  private addEmployer(employer: { registryCode: string; name: string }) {
    const random = personRandom(employer.registryCode, 'employer')
    const legalForm: LegalForm = employer.name.endsWith(' AS') ? 'AS' : 'OÜ'
    this.companies.set(employer.registryCode, {
      registryCode: employer.registryCode,
      name: employer.name,
      legalForm,
      status: 'registered',
      registeredOn: isoDate(
        new Date(Date.UTC(random.int(1993, 2010), random.int(0, 11), 1)),
      ),
      deletedOn: null,
      address: random.pick(SERVICE_ADDRESSES),
      shareCapital: legalForm === 'AS' ? 25_000 : 2_500,
      activity: random.pick(COMPANY_ACTIVITIES),
      people: [],
    })
  }

  private freeRegistryCode(random: SeededRandom, first: string): string {
    for (;;) {
      const code = makeRegistryCode(`${first}${random.digits(6)}`)
      if (!this.companies.has(code)) return code
    }
  }

  private person(
    code: string,
    role: CompanyPerson['role'],
    since: string,
    sharePercent: number | null = null,
  ): CompanyPerson[] {
    const resident = this.byCode.get(code)
    if (!resident) return []
    return [
      {
        personalCode: code,
        givenName: resident.givenName,
        familyName: resident.familyName,
        role,
        since,
        sharePercent,
      },
    ]
  }

  /** The companies one resident founded, if any. */
  addFoundedBy(founder: Resident): void {
    const random = personRandom(founder.personalCode, 'business')
    const eResident = founder.kind === 'e-resident'
    if (!random.chance(eResident ? 0.6 : 0.12)) return

    const adult = addYears(parseIsoDate(founder.birthDate), 20)
    const from =
      eResident && adult < E_RESIDENCY_START ? E_RESIDENCY_START : adult
    const until = addDays(this.today, -30)
    if (from >= until) return

    const count = random.chance(0.2) ? 2 : 1
    for (let i = 0; i < count; i++) {
      this.addCompany(random, founder, dayBetween(random, from, until))
    }
  }

  private addCompany(
    random: SeededRandom,
    founder: Resident,
    founded: Date,
  ): void {
    const eResident = founder.kind === 'e-resident'
    const legalForm: LegalForm = eResident
      ? 'OÜ'
      : random.weighted({ OÜ: 80, AS: 6, MTÜ: 14 })
    const association = legalForm === 'MTÜ'
    const registryCode = this.freeRegistryCode(random, association ? '8' : '1')
    const name = association
      ? `${random.pick(ESTONIAN_STEMS)} ${random.pick(ASSOCIATION_KINDS)}`
      : eResident
        ? `${random.pick(INTERNATIONAL_STEMS)} ${random.pick(INTERNATIONAL_TRADES)} OÜ`
        : `${random.pick(ESTONIAN_STEMS)} ${random.pick(ESTONIAN_TRADES)} ${legalForm}`

    const deleted =
      random.chance(0.08) && addYears(founded, 1) < this.today
        ? dayBetween(random, addYears(founded, 1), this.today)
        : null
    const since = isoDate(founded)
    const spouse = founder.family.spouse
    const withSpouse = spouse !== null && random.chance(0.35)
    const founderShare = withSpouse ? random.pick([50, 60, 70]) : 100

    const people: CompanyPerson[] = [
      ...this.person(founder.personalCode, 'board-member', since),
      ...(association
        ? []
        : this.person(
            founder.personalCode,
            'shareholder',
            since,
            founderShare,
          )),
    ]
    if (withSpouse && spouse) {
      people.push(
        ...(association
          ? this.person(spouse, 'member', since)
          : this.person(spouse, 'shareholder', since, 100 - founderShare)),
      )
      if (random.chance(0.4)) {
        people.push(...this.person(spouse, 'board-member', since))
      }
    }

    this.companies.set(registryCode, {
      registryCode,
      name,
      legalForm,
      status: deleted ? 'deleted' : 'registered',
      registeredOn: since,
      deletedOn: deleted && isoDate(deleted),
      address:
        eResident || !founder.address
          ? random.pick(SERVICE_ADDRESSES)
          : formatAddress(founder.address),
      shareCapital: association
        ? null
        : legalForm === 'AS'
          ? 25_000
          : founded >= SMALL_CAPITAL_FROM && random.chance(0.5)
            ? 0.01
            : 2_500,
      activity: random.pick(
        association ? ASSOCIATION_ACTIVITIES : COMPANY_ACTIVITIES,
      ),
      people,
    })
  }
}

/**
 * The sandbox Business Register, derived from the population: some
 * residents and most e-residents founded a company or two, now and then
 * with their spouse as shareholder or board member; the payers of the tax
 * register are companies too. Residents are taken in personal-code order,
 * so the same population always gives the same register.
 */
export function buildBusinessDirectory(
  residents: readonly Resident[],
  today: Date,
): BusinessDirectory {
  const builder = new DirectoryBuilder(residents, today)
  const sorted = [...residents].sort((a, b) =>
    a.personalCode.localeCompare(b.personalCode),
  )
  for (const resident of sorted) builder.addFoundedBy(resident)

  const byPerson = new Map<string, PersonCompany[]>()
  for (const company of builder.companies.values()) {
    for (const person of company.people) {
      const list = byPerson.get(person.personalCode) ?? []
      let entry = list.find((c) => c.registryCode === company.registryCode)
      if (!entry) {
        entry = {
          registryCode: company.registryCode,
          name: company.name,
          legalForm: company.legalForm,
          status: company.status,
          roles: [],
        }
        list.push(entry)
      }
      entry.roles.push({
        role: person.role,
        since: person.since,
        sharePercent: person.sharePercent,
      })
      byPerson.set(person.personalCode, list)
    }
  }
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.registryCode.localeCompare(b.registryCode))
  }

  return {
    company: (registryCode) => builder.companies.get(registryCode),
    companiesOf: (personalCode) => byPerson.get(personalCode) ?? [],
  }
}
