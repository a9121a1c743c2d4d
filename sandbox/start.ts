import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
} from 'fastify'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import {
  formatClientId,
  memberOf,
  parseClientId,
  parseServiceId,
} from '../common/xroad/identifiers.ts'
import type { CatalogModule } from '../server/catalog/discover.ts'
import type { AccessRight } from '../server/catalog/sandboxFragment.ts'
import { migrateSandbox } from './db/migrate.ts'
import { demoIdentities } from './population/demoIdentities.ts'
import { POPULATION_OPENAPI } from './population/openApi.ts'
import { buildPopulationProvider } from './population/provider.ts'
import type { DemoIdentity, Resident } from './population/resident.ts'
import {
  findResident,
  listResidents,
  seedPopulation,
} from './population/store.ts'
import { openApiEndpoints } from './xroad/openApiEndpoints.ts'
import { buildSecurityServer } from './xroad/securityServer.ts'
import type {
  MemberRegistration,
  ServiceRegistration,
} from './xroad/serviceRegistry.ts'

/** The X-Road instance the sandbox's Estonian security server belongs to. */
export const EE_INSTANCE = 'ee-dev'

/** The population register's member (Ministry of the Interior). */
export const POPULATION_MEMBER = 'ee-dev/GOV/70008440'

/** The population register's service: `/persons/{code}[/family|/documents]`. */
export const POPULATION_SERVICE = `${POPULATION_MEMBER}/population/persons`

const LOOPBACK = '127.0.0.1'

/** What the sandbox needs from the portal. */
export interface SandboxOptions<DB = unknown> {
  /** The portal's database; the sandbox adds its own `sandbox_*` tables. */
  db: Kysely<DB>
  /** 0 takes a free port. */
  ports: { xroadEe: number }
  modules: CatalogModule[]
  /** The portal's X-Road client subsystem, listed by listClients. */
  portalClient: string
  log: Logger
  /** The day document validity is counted from when seeding (default now). */
  today?: Date
}

/** The running sandbox. */
export interface Sandbox {
  /** The `ee-dev` security server, e.g. `http://127.0.0.1:8081`. */
  xroadEeUrl: string
  residents: {
    /** A resident of the population register, by personal code. */
    find(personalCode: string): Promise<Resident | undefined>
    /** Residents to sign in as, with what each shows. */
    demo(): DemoIdentity[]
  }
  /** Stops the security server and every provider. */
  close(): Promise<void>
}

async function listen(app: FastifyInstance, port: number): Promise<string> {
  await app.listen({ port, host: LOOPBACK })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) {
    throw new Error('The sandbox server did not report its port')
  }
  return `http://${LOOPBACK}:${address.port}`
}

/** Members and subsystems for listClients, each once. */
function membersOf(
  modules: CatalogModule[],
  services: ServiceRegistration[],
  portalClient: string,
): MemberRegistration[] {
  const members = new Map<string, string>()
  const add = (id: string, name: string) => {
    if (!members.has(id)) members.set(id, name)
  }

  add(POPULATION_MEMBER, 'Siseministeerium')
  const portal = parseClientId(portalClient)
  if (portal) {
    add(memberOf(portal), 'Citizen Portal')
    add(formatClientId(portal), 'Citizen Portal')
  }
  for (const module of modules) {
    add(module.manifest.agency.xroadMember, module.manifest.agency.name.en)
  }
  for (const service of services) {
    const id = parseServiceId(service.id)
    if (!id) continue
    const name = members.get(memberOf(id)) ?? memberOf(id)
    add(memberOf(id), name)
    add(`${memberOf(id)}/${id.subsystemCode}`, name)
  }
  return [...members].map(([id, name]) => ({ id, name }))
}

/**
 * Starts the sandbox's `ee-dev` part: runs its migrations, seeds the
 * population register once, starts the register and every module's stub
 * providers on free loopback ports, and the security server in front of
 * them on `ports.xroadEe`. Access rights come only from the modules'
 * `sandbox.accessRights`; nothing is allowed by default.
 */
export async function startSandbox<DB>(
  options: SandboxOptions<DB>,
): Promise<Sandbox> {
  const { log } = options
  const db = options.db as Kysely<unknown>
  const today = options.today ?? new Date()
  const started: FastifyInstance[] = []
  const close = async () => {
    for (const app of [...started].reverse()) await app.close()
  }

  try {
    await migrateSandbox(db)
    await seedPopulation(db, today)
    const demo = demoIdentities(await listResidents(db), today)

    const register = buildPopulationProvider({
      db,
      log: log.child({ part: 'population-register' }) as FastifyBaseLogger,
    })
    started.push(register)
    const services: ServiceRegistration[] = [
      {
        id: POPULATION_SERVICE,
        baseUrl: `${await listen(register, 0)}/persons`,
        openApiPath: '/openapi.json',
        endpoints: openApiEndpoints(POPULATION_OPENAPI),
      },
    ]

    const accessRights: AccessRight[] = []
    for (const module of options.modules) {
      accessRights.push(...(module.sandbox?.accessRights ?? []))
      for (const [serviceId, plugin] of Object.entries(
        module.sandbox?.providers ?? {},
      )) {
        if (parseServiceId(serviceId)?.instance !== EE_INSTANCE) {
          // Limitation: only ee-dev services run until the FI-TEST security
          // server exists; a module's other stubs are skipped.
          log.warn({ module: module.manifest.id, serviceId }, 'stub skipped')
          continue
        }
        const app = Fastify({
          loggerInstance: log.child({
            part: 'provider',
            serviceId,
          }) as FastifyBaseLogger,
          logController: new LogController({ disableRequestLogging: true }),
        })
        started.push(app)
        await plugin(app)
        services.push({ id: serviceId, baseUrl: await listen(app, 0) })
      }
    }

    const securityServer = buildSecurityServer({
      instance: EE_INSTANCE,
      services,
      accessRights,
      members: membersOf(options.modules, services, options.portalClient),
      log: log.child({ part: 'security-server', instance: EE_INSTANCE }),
    })
    started.push(securityServer)
    const xroadEeUrl = await listen(securityServer, options.ports.xroadEe)
    log.info({ xroadEeUrl, services: services.length }, 'sandbox started')

    return {
      xroadEeUrl,
      residents: {
        find: (personalCode) => findResident(db, personalCode),
        demo: () => demo,
      },
      close,
    }
  } catch (err) {
    await close()
    throw err
  }
}
