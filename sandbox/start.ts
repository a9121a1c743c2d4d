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
import { migrateLedger } from '../providers/estcoin-ledger/db/migrate.ts'
import {
  loadEstcoinSettings,
  type EstcoinSettings,
} from '../providers/estcoin-ledger/api/settings.ts'
import { ESTCOIN_MEMBER, startLedgerService } from './estcoin.ts'
import { migrateSandbox } from './db/migrate.ts'
import {
  startIdentityServices,
  type IdentityServices,
} from './identityServices.ts'
import { demoIdentities } from './population/demoIdentities.ts'
import type { DemoIdentity, Resident } from './population/resident.ts'
import {
  findResident,
  listResidents,
  seedPopulation,
} from './population/store.ts'
import { SANDBOX_REGISTERS } from './registers/sandboxRegisters.ts'
import { SCENARIO_AGENCIES, scenarioAccessRights } from './scenario/agencies.ts'
import {
  explainServiceOf,
  startExplanationService,
} from './explanations/mount.ts'
import { replayScenario, type ScenarioReport } from './scenario/replay.ts'
import { nextScenarioRun } from './scenario/runs.ts'
import { USAGE_OPENAPI } from '../providers/usage-log/openApi.ts'
import { buildUsageProvider } from '../providers/usage-log/provider.ts'
import { usageRecorder } from '../providers/usage-log/recorder.ts'
import { verifierOf } from '../common/checkpoint/keys.ts'
import { migrateUsageLog } from '../providers/usage-log/db/migrate.ts'
import { UsageLog } from '../providers/usage-log/usageLog.ts'
import { CheckpointWitnessing } from '../providers/usage-log/witnessing.ts'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '../common/checkpoint/sandboxKeys.ts'
import { MessageLog } from './xroad/messageLog.ts'
import { openApiEndpoints } from './xroad/openApiEndpoints.ts'
import { buildSecurityServer } from './xroad/securityServer.ts'
import { sandboxUsageLogOrigin, startSandboxWitness } from './witness.ts'
import type {
  MemberRegistration,
  ServiceRegistration,
} from './xroad/serviceRegistry.ts'

/** The X-Road instance the sandbox's Estonian security server belongs to. */
export const EE_INSTANCE = 'ee-dev'

/** The X-Road instance of the sandbox's Finnish security server. */
export const FI_INSTANCE = 'FI-TEST'

export {
  FI_INCOME_SERVICE,
  FI_TAX_MEMBER,
  POPULATION_MEMBER,
  POPULATION_SERVICE,
} from './registers/sandboxRegisters.ts'
export {
  BUSINESS_SERVICE,
  HEALTH_SERVICE,
  TAX_SERVICE,
  VEHICLES_SERVICE,
} from './registers/services.ts'

/** The service code of every register subsystem's usage log. */
export const FIND_USAGE_SERVICE_CODE = 'findUsage'

/** The subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`, a service belongs to. */
function subsystemOf(service: string): string {
  const id = parseServiceId(service)
  if (!id) throw new Error(`Service ${service}: not a full service id`)
  return `${memberOf(id)}/${id.subsystemCode}`
}

/** A register subsystem's usage log service, from one of its services. */
export function findUsageServiceOf(registerService: string): string {
  return `${subsystemOf(registerService)}/${FIND_USAGE_SERVICE_CODE}`
}

/**
 * The access rights the sandbox grants itself, beside the modules' own:
 * the portal client may read every register's usage log, its checkpoints
 * and consistency proofs, as the Data Tracker reads them for the citizen.
 */
export function sandboxAccessRights(
  portalClient: string,
  findUsageServices: readonly string[],
): AccessRight[] {
  return findUsageServices.flatMap((service) =>
    ['/v2/*', '/checkpoint', '/checkpoint/*', '/consistency'].map((path) => ({
      client: portalClient,
      service,
      methods: ['GET'],
      path,
    })),
  )
}

const LOOPBACK = '127.0.0.1'

/** What the sandbox needs from the portal. */
export interface SandboxOptions<DB = unknown> {
  /** The portal's database; the sandbox adds its own `sandbox_*` tables. */
  db: Kysely<DB>
  /** The security servers' ports; 0 takes a free port. */
  ports: { xroadEe: number; xroadFi: number }
  modules: CatalogModule[]
  /** The portal's X-Road client subsystem, listed by listClients. */
  portalClient: string
  log: Logger
  /** The day document validity is counted from when seeding (default now). */
  today?: Date
  /** Mobile-ID's port (0 or absent: a free one) and confirmation delay. */
  mobileId?: { port?: number; confirmDelayMs?: number }
  /** Random queries in each replay of other agencies' traffic (200). */
  scenarioSize?: number
  /** Smart-ID's port (0 or absent: a free one) and confirmation delay. */
  smartId?: { port?: number; confirmDelayMs?: number }
  /** The CA's OCSP responder port; 0 or absent takes a free one. */
  ocspPort?: number
  /** How long each register's scripted operator takes per step (30 s). */
  explanationDelayMs?: number
  /** The usage logs' witness's port; 0 or absent takes a free one. */
  witnessPort?: number
  /** The EstCoin ledger's grants and signature threshold (the defaults). */
  estcoin?: EstcoinSettings
}

/** The running sandbox. */
export interface Sandbox {
  /** The `ee-dev` security server, e.g. `http://127.0.0.1:8081`. */
  xroadEeUrl: string
  /** The `FI-TEST` security server, federated with `ee-dev`. */
  xroadFiUrl: string
  residents: {
    /** A resident of the population register, by personal code. */
    find(personalCode: string): Promise<Resident | undefined>
    /** Residents to sign in as, with what each shows. */
    demo(): DemoIdentity[]
  }
  /** Each register subsystem's `findUsage` service, which the portal may call. */
  findUsageServices: string[]
  /** Each register subsystem's Merkle usage log, by subsystem id. */
  usageLogs: ReadonlyMap<string, UsageLog>
  /** The sandbox CA and the Mobile-ID and Smart-ID services it serves. */
  identity: Omit<IdentityServices, 'servers'>
  /**
   * The witness of every register's usage log (C2SP tlog-witness), with
   * its verifier key; its logs' origins are `<subsystem> usage log`.
   */
  witness: { url: string; verifierKey: string; origins: string[] }
  scenario: {
    /**
     * Replays other agencies' queries about residents through the `ee-dev`
     * security server, with new traffic each time. With `firstOnly`, does
     * nothing (and answers undefined) if this database saw a replay.
     */
    replay(options?: {
      firstOnly?: boolean
    }): Promise<ScenarioReport | undefined>
  }
  /** Stops the security servers and every provider. */
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

  for (const register of SANDBOX_REGISTERS) {
    const id = parseServiceId(register.service)
    if (id) add(memberOf(id), register.memberName)
  }
  add(ESTCOIN_MEMBER.id, ESTCOIN_MEMBER.name)
  const portal = parseClientId(portalClient)
  if (portal) {
    add(memberOf(portal), 'Citizen Portal')
    add(formatClientId(portal), 'Citizen Portal')
  }
  for (const module of modules) {
    add(module.manifest.agency.xroadMember, module.manifest.agency.name.en)
  }
  for (const agency of SCENARIO_AGENCIES) {
    const id = parseClientId(agency.client)
    if (id) add(memberOf(id), agency.name)
    add(agency.client, agency.name)
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

/** What one instance's security server is started with. */
interface InstanceSetup {
  services: ServiceRegistration[]
  accessRights: AccessRight[]
}

function instanceOf(id: string, what: string): string {
  const instance = parseServiceId(id)?.instance
  if (!instance) throw new Error(`${what} ${id}: not a full service id`)
  return instance
}

/**
 * Starts the sandbox: runs its migrations, seeds the population register
 * once, starts the registers (`SANDBOX_REGISTERS`: population, tax,
 * health insurance, business, vehicles, Finnish income), each register
 * subsystem's usage log as its `findUsage` service, and every module's
 * stub providers on free loopback ports, and two federated security
 * servers in front of them: `ee-dev` on `ports.xroadEe` and `FI-TEST` on
 * `ports.xroadFi`. A register's or module's services and access rights go
 * to the security server of their service's instance. Access rights come
 * from the modules' `sandbox.accessRights` and `sandboxAccessRights`: the
 * portal client may `GET /v2/*` on every `findUsage` service.
 * Nothing else is allowed by default. Each security server keeps a
 * hash-chained message log in the database. One witness, on
 * `witnessPort`, cosigns the registers' usage logs' checkpoints. The
 * EstCoin ledger service (estcoin.ts) runs on the same database, callable
 * by the portal client only.
 */
export async function startSandbox<DB>(
  options: SandboxOptions<DB>,
): Promise<Sandbox> {
  const { log } = options
  const db = options.db as Kysely<unknown>
  const today = options.today ?? new Date()
  const started: FastifyInstance[] = []
  const witnessings: CheckpointWitnessing[] = []
  const close = async () => {
    for (const witnessing of witnessings) await witnessing.stop()
    for (const app of [...started].reverse()) await app.close()
  }
  const providerLog = (serviceId: string) =>
    log.child({ part: 'provider', serviceId }) as FastifyBaseLogger

  try {
    await migrateSandbox(db)
    // The agency services built here share the embedded database.
    await migrateLedger(db)
    await migrateUsageLog(db)
    await seedPopulation(db, today)
    const demo = demoIdentities(await listResidents(db), today)
    const identity = await startIdentityServices({
      db,
      log,
      ...options.mobileId,
      smartId: options.smartId,
      ocspPort: options.ocspPort,
    })
    started.push(...identity.servers)

    const instances = new Map<string, InstanceSetup>([
      [EE_INSTANCE, { services: [], accessRights: [] }],
      [FI_INSTANCE, { services: [], accessRights: [] }],
    ])
    const setupOf = (id: string, what: string): InstanceSetup => {
      const instance = instanceOf(id, what)
      const setup = instances.get(instance)
      if (!setup) {
        throw new Error(
          `${what} ${id}: the sandbox has no security server for ` +
            `instance ${instance} (only ${[...instances.keys()].join(', ')})`,
        )
      }
      return setup
    }

    // Filled in once every service is known; usage logs read it per query.
    const memberNames = new Map<string, string>()
    const findUsageServices: string[] = []
    const usageLogs = new Map<string, UsageLog>()
    for (const register of SANDBOX_REGISTERS) {
      const setup = setupOf(register.service, 'Register')
      const subsystem = subsystemOf(register.service)
      const findUsage = findUsageServiceOf(register.service)
      // One Merkle log per register subsystem, shared by its services.
      let usageLog = usageLogs.get(subsystem)
      if (!usageLog) {
        const origin = sandboxUsageLogOrigin(subsystem)
        usageLog = await UsageLog.open(db, {
          origin,
          // Public keys the PWA pins at build time (sandboxKeys.ts).
          signer: sandboxLogSigner(origin),
          witnesses: [verifierOf(sandboxWitnessSigner())],
        })
        usageLogs.set(subsystem, usageLog)
      }
      const app = register.build({
        db,
        log: providerLog(register.service),
        recordUsage: usageRecorder({
          log: usageLog,
          register: subsystem,
          members: (member) => memberNames.get(member),
        }),
        today,
      })
      started.push(app)
      setup.services.push({
        id: register.service,
        baseUrl: `${await listen(app, 0)}${register.basePath ?? ''}`,
        openApiPath: '/openapi.json',
        endpoints: openApiEndpoints(register.openApi),
      })
      if (findUsageServices.includes(findUsage)) continue

      const usage = buildUsageProvider({
        log: usageLog,
        members: (member) => memberNames.get(member),
        logger: providerLog(findUsage),
      })
      started.push(usage)
      setup.services.push({
        id: findUsage,
        baseUrl: await listen(usage, 0),
        openApiPath: '/openapi.json',
        endpoints: openApiEndpoints(USAGE_OPENAPI),
      })
      findUsageServices.push(findUsage)
    }
    for (const subsystem of new Set(
      SANDBOX_REGISTERS.map((r) => subsystemOf(r.service)),
    )) {
      const explanation = await startExplanationService({
        db,
        subsystem,
        portalClient: options.portalClient,
        delayMs: options.explanationDelayMs,
        log: providerLog(explainServiceOf(subsystem)),
        listen: (app) => listen(app, 0),
      })
      started.push(explanation.app)
      const setup = setupOf(explanation.service.id, 'Explanation service')
      setup.services.push(explanation.service)
      setup.accessRights.push(...explanation.rights)
    }
    const ledger = await startLedgerService({
      db,
      settings: options.estcoin ?? loadEstcoinSettings({}),
      portalClient: options.portalClient,
      log: providerLog('estcoin-ledger'),
      listen: (app) => listen(app, 0),
    })
    started.push(ledger.app)
    setupOf(ledger.service.id, 'EstCoin ledger').services.push(ledger.service)
    for (const right of ledger.rights) {
      setupOf(right.service, 'EstCoin access right to').accessRights.push(right)
    }
    const origins = SANDBOX_REGISTERS.map((register) =>
      sandboxUsageLogOrigin(subsystemOf(register.service)),
    ).filter((origin, i, all) => all.indexOf(origin) === i)
    const witness = await startSandboxWitness({
      db,
      log: log.child({ part: 'witness' }),
      origins,
      port: options.witnessPort ?? 0,
    })
    started.push(witness.app)
    // Each usage log sends every new checkpoint to the witness to cosign.
    for (const usageLog of usageLogs.values()) {
      const witnessing = new CheckpointWitnessing({
        log: usageLog,
        witnessUrl: witness.url,
        witnessKey: verifierOf(sandboxWitnessSigner()),
        logger: log.child({ part: 'witnessing', origin: usageLog.origin }),
      })
      witnessings.push(witnessing)
      usageLog.onCommit(() => witnessing.notify())
      witnessing.notify()
    }

    for (const right of scenarioAccessRights()) {
      setupOf(right.service, 'Scenario access right to').accessRights.push(
        right,
      )
    }
    for (const right of sandboxAccessRights(
      options.portalClient,
      findUsageServices,
    )) {
      setupOf(right.service, 'Sandbox access right to').accessRights.push(right)
    }

    for (const module of options.modules) {
      const where = `Module ${module.manifest.id}:`
      for (const right of module.sandbox?.accessRights ?? []) {
        setupOf(right.service, `${where} access right to`).accessRights.push(
          right,
        )
      }
      for (const [serviceId, plugin] of Object.entries(
        module.sandbox?.providers ?? {},
      )) {
        const setup = setupOf(serviceId, `${where} provider`)
        const app = Fastify({
          loggerInstance: providerLog(serviceId),
          logController: new LogController({ disableRequestLogging: true }),
        })
        started.push(app)
        await plugin(app)
        setup.services.push({ id: serviceId, baseUrl: await listen(app, 0) })
      }
    }

    // Federated instances share their global configuration, so each
    // security server can list the other instance's members too.
    const allServices = [...instances.values()].flatMap((i) => i.services)
    const members = membersOf(
      options.modules,
      allServices,
      options.portalClient,
    )
    for (const member of members) memberNames.set(member.id, member.name)
    const urls = new Map<string, string>()
    const ports = new Map([
      [EE_INSTANCE, options.ports.xroadEe],
      [FI_INSTANCE, options.ports.xroadFi],
    ])
    // Each server's view of the others, filled in once all listen.
    const federations = new Map<string, Map<string, string>>()
    for (const [instance, setup] of instances) {
      const federation = new Map<string, string>()
      federations.set(instance, federation)
      const securityServer = buildSecurityServer({
        instance,
        services: setup.services,
        accessRights: setup.accessRights,
        members,
        federation,
        messageLog: new MessageLog(db, instance),
        log: log.child({ part: 'security-server', instance }),
      })
      started.push(securityServer)
      urls.set(instance, await listen(securityServer, ports.get(instance) ?? 0))
    }
    for (const [instance, federation] of federations) {
      for (const [other, url] of urls) {
        if (other !== instance) federation.set(other, url)
      }
    }
    const xroadEeUrl = urls.get(EE_INSTANCE) ?? ''
    const xroadFiUrl = urls.get(FI_INSTANCE) ?? ''
    log.info(
      { xroadEeUrl, xroadFiUrl, services: allServices.length },
      'sandbox started',
    )

    return {
      xroadEeUrl,
      xroadFiUrl,
      residents: {
        find: (personalCode) => findResident(db, personalCode),
        demo: () => demo,
      },
      findUsageServices,
      usageLogs,
      identity: {
        ca: identity.ca,
        mobileIdUrl: identity.mobileIdUrl,
        smartIdUrl: identity.smartIdUrl,
        ocspUrl: identity.ocspUrl,
      },
      witness: { url: witness.url, verifierKey: witness.verifierKey, origins },
      scenario: {
        async replay({ firstOnly = false } = {}) {
          const run = await nextScenarioRun(db, { firstOnly })
          if (run === undefined) return undefined
          return replayScenario({
            securityServerUrl: xroadEeUrl,
            residents: await listResidents(db),
            featured: demo.map((d) => d.personalCode),
            seed: run,
            size: options.scenarioSize ?? 200,
            log: log.child(
              { part: 'scenario' },
              { level: 'warn' },
            ) as FastifyBaseLogger,
          })
        },
      },
      close,
    }
  } catch (err) {
    await close()
    throw err
  }
}
