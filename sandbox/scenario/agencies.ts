import type { AccessRight } from '../../server/catalog/sandboxFragment.ts'
import type { SeededRandom } from '../population/random.ts'
import type { Resident } from '../population/resident.ts'
import {
  FI_INCOME_SERVICE as FINNISH_INCOME,
  POPULATION_SERVICE as POPULATION,
} from '../registers/sandboxRegisters.ts'
import {
  BUSINESS_SERVICE as BUSINESS,
  HEALTH_SERVICE as HEALTH,
  TAX_SERVICE as TAX,
  VEHICLES_SERVICE as VEHICLES,
} from '../registers/services.ts'

/** One kind of query an agency makes about a person. */
export interface AgencyQuery {
  service: string
  /** Path below the service; `{code}` stands for the personal code. */
  path: string
  /** Query parameters, if the service needs any. */
  query?: Record<string, string>
  /** `X-Road-Issue`: the agency's purpose code, with a case id if any. */
  issue(random: SeededRandom): string
  /** Whom the agency would ask about; absent means anyone. */
  concerns?(resident: Resident): boolean
}

/** An agency that reads citizens' data through X-Road on its own account. */
export interface ScenarioAgency {
  /** Its client subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  client: string
  name: string
  queries: AgencyQuery[]
}

const livesHere = (r: Resident) => r.address !== null
const lastYear = () => ({ year: String(new Date().getUTCFullYear() - 1) })

/**
 * Other agencies whose use of a citizen's data the citizen should see:
 * the police with a case number, the benefit and tax authorities with
 * their purposes. Each is an X-Road client of the sandbox security server.
 */
export const SCENARIO_AGENCIES: readonly ScenarioAgency[] = [
  {
    client: 'ee-dev/GOV/70008747/menetlus',
    name: 'Politsei- ja Piirivalveamet',
    queries: [
      {
        service: POPULATION,
        path: '/{code}',
        issue: (random) => `misdemeanour-proceedings:${caseNumber(random)}`,
      },
      {
        service: VEHICLES,
        path: '/persons/{code}/vehicles',
        issue: (random) => `traffic-supervision:${caseNumber(random)}`,
        concerns: livesHere,
      },
    ],
  },
  {
    client: 'ee-dev/GOV/70001975/pensions',
    name: 'Sotsiaalkindlustusamet',
    queries: [
      {
        service: POPULATION,
        path: '/{code}/family',
        issue: () => 'family-benefit',
        concerns: livesHere,
      },
    ],
  },
  {
    client: 'ee-dev/GOV/70000349/residency',
    name: 'Maksu- ja Tolliamet',
    queries: [
      {
        service: POPULATION,
        path: '/{code}',
        issue: () => 'tax-residency',
      },
      {
        service: BUSINESS,
        path: '/persons/{code}/roles',
        issue: () => 'tax-audit',
      },
      {
        service: FINNISH_INCOME,
        path: '/{code}',
        query: lastYear(),
        issue: () => 'foreign-income-check',
        concerns: livesHere,
      },
    ],
  },
  {
    client: 'ee-dev/GOV/70009770/benefits',
    name: 'Eesti Töötukassa',
    queries: [
      {
        service: POPULATION,
        path: '/{code}',
        issue: () => 'unemployment-registration',
        concerns: livesHere,
      },
      {
        service: HEALTH,
        path: '/persons/{code}/insurance',
        issue: () => 'unemployment-insurance',
        concerns: livesHere,
      },
      {
        service: TAX,
        path: '/persons/{code}/income',
        query: lastYear(),
        issue: () => 'unemployment-benefit-amount',
        concerns: livesHere,
      },
    ],
  },
]

/** A police case number as the Estonian proceedings register writes it. */
function caseNumber(random: SeededRandom): string {
  return `${random.int(20, 26)}${random.int(200, 299)}${random.digits(6)}`
}

/**
 * The access rights the security server needs for the scenario: each
 * agency may make exactly the kinds of query it is listed with.
 */
export function scenarioAccessRights(
  agencies: readonly ScenarioAgency[] = SCENARIO_AGENCIES,
): AccessRight[] {
  return agencies.flatMap((agency) =>
    agency.queries.map((query) => ({
      client: agency.client,
      service: query.service,
      methods: ['GET'],
      path: query.path.replace('{code}', '*'),
    })),
  )
}

/** The path of a query about one person. */
export function queryPath(query: AgencyQuery, resident: Resident): string {
  return query.path.replace('{code}', encodeURIComponent(resident.personalCode))
}
