import type { FastifyBaseLogger } from 'fastify'
import { createGateway, type Gateway } from '../../server/xroad/gateway.ts'
import { SeededRandom } from '../population/random.ts'
import type { Resident } from '../population/resident.ts'
import {
  queryPath,
  SCENARIO_AGENCIES,
  type AgencyQuery,
  type ScenarioAgency,
} from './agencies.ts'

/** What a replay of the agencies' traffic needs. */
export interface ScenarioOptions {
  /** The security server the agencies send their requests through. */
  securityServerUrl: string
  residents: readonly Resident[]
  /** Personal codes every agency asks about: the demo identities. */
  featured: readonly string[]
  /** Picks whom and why; the same seed gives the same traffic. */
  seed: number
  /** Queries about residents picked at random, besides the featured. */
  size: number
  log: FastifyBaseLogger
  agencies?: readonly ScenarioAgency[]
}

/** What a replay did. */
export interface ScenarioReport {
  /** Requests sent through the security server. */
  sent: number
  /** Of those, answered by the register (any status). */
  answered: number
  /** Of those, lost to an X-Road or network failure. */
  failed: number
}

interface PlannedCall {
  gateway: Gateway
  query: AgencyQuery
  resident: Resident
  /** `X-Road-UserId`: the agency official who asks. */
  official: string
  issue: string
}

const IN_FLIGHT = 4
const OFFICIALS_PER_AGENCY = 3

/**
 * A few officials of each agency, the same in every replay: adult
 * citizens who live here, picked by the agency's position in the list.
 */
function officialsOf(
  agencies: readonly ScenarioAgency[],
  residents: readonly Resident[],
): Map<ScenarioAgency, string[]> {
  const eligible = residents.filter(
    (r) => r.kind === 'citizen' && r.address !== null && r.birthDate < '2000',
  )
  return new Map(
    agencies.map((agency, i) => [
      agency,
      eligible
        .slice(i * OFFICIALS_PER_AGENCY, (i + 1) * OFFICIALS_PER_AGENCY)
        .map((r) => `EE${r.personalCode}`),
    ]),
  )
}

/**
 * Replays other agencies' use of citizens' data: each agency makes each of
 * its queries about each featured resident, then `size` random queries
 * follow. Every request is a real X-Road request through the security
 * server, so the registers' usage logs record it as they would any other.
 *
 * Limitation: the registers log the time of the replay; the scenario does
 * not back-date accesses into past months.
 */
export async function replayScenario(
  options: ScenarioOptions,
): Promise<ScenarioReport> {
  const agencies = options.agencies ?? SCENARIO_AGENCIES
  const random = new SeededRandom(options.seed)
  const gateways = new Map(
    agencies.map((agency) => [
      agency,
      createGateway({
        securityServerUrl: options.securityServerUrl,
        client: agency.client,
        log: options.log,
        retries: 0,
      }),
    ]),
  )
  const byCode = new Map(options.residents.map((r) => [r.personalCode, r]))
  const officials = officialsOf(agencies, options.residents)

  const calls: PlannedCall[] = []
  const plan = (agency: ScenarioAgency, resident: Resident, every: boolean) => {
    const fitting = agency.queries.filter((q) => q.concerns?.(resident) ?? true)
    const gateway = gateways.get(agency)
    const staff = officials.get(agency) ?? []
    if (fitting.length === 0 || !gateway || staff.length === 0) return
    for (const query of every ? fitting : [random.pick(fitting)]) {
      calls.push({
        gateway,
        query,
        resident,
        official: random.pick(staff),
        issue: query.issue(random),
      })
    }
  }
  for (const code of options.featured) {
    const resident = byCode.get(code)
    if (resident) for (const agency of agencies) plan(agency, resident, true)
  }
  for (let i = 0; i < options.size && options.residents.length > 0; i++) {
    plan(random.pick(agencies), random.pick(options.residents), false)
  }

  const report: ScenarioReport = { sent: 0, answered: 0, failed: 0 }
  let next = 0
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]
      if (!call) break
      report.sent++
      try {
        await call.gateway.send({
          service: call.query.service,
          method: 'GET',
          path: queryPath(call.query, call.resident),
          query: call.query.query,
          userId: call.official,
          issue: call.issue,
        })
        report.answered++
      } catch {
        report.failed++
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return report
}
