import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.ts'
import pino from 'pino'
import { buildApp } from './app.ts'
import { discoverModules } from './catalog/discover.ts'
import { loadConfig, type Config } from './config.ts'
import { openDatabase, type PortalDatabase } from './db/database.ts'
import { lockDataDir, type DataDirLock } from './db/dataDirLock.ts'
import { migrateToLatest } from './db/migrate.ts'
import { loggerOptions } from './logging.ts'
import { httpProbe, type DependencyProbe } from './routes/health.ts'
import { reservePort } from './freePort.ts'
import { createGateway } from './xroad/gateway.ts'
import { createMobileIdClient } from './auth/mobileId/mobileIdClient.ts'
import { createSmartIdClient } from './auth/smartId/smartIdClient.ts'
import { parseTrustAnchors, readTrustAnchors } from './eid/trustAnchors.ts'
import { createOcspChecker } from './eid/ocsp/ocspClient.ts'
import { createMobileIdSigner } from './signing/mobileIdSigner.ts'
import { createSmartIdSigner } from './signing/smartIdSigner.ts'
import { startSandbox, type Sandbox } from '../sandbox/start.ts'

/** A running portal: its server, settings and what it started. */
export interface RunningPortal {
  app: FastifyInstance
  config: Config
  url: string
  sandbox?: Sandbox
  /** The portal's database (tests check what it holds). */
  db: Kysely<Database>
  /** Drains requests, stops the sandbox, checkpoints and closes the database. */
  close(): Promise<void>
}

function probes(config: Config): DependencyProbe[] {
  const list: DependencyProbe[] = [
    {
      name: 'security-server',
      probe: httpProbe(config.xroadSecurityServerUrl),
      critical: true,
    },
    {
      name: 'mobile-id',
      probe: httpProbe(config.mobileId.url),
      critical: false,
    },
    { name: 'smart-id', probe: httpProbe(config.smartId.url), critical: false },
  ]
  return list
}

/**
 * Once the portal listens, replays other agencies' traffic in the sandbox,
 * once per database, so citizens find third-party use of their data.
 */
async function replayScenarioOnce(
  sandbox: Sandbox | undefined,
  config: Config,
  log: pino.Logger,
): Promise<void> {
  if (!sandbox || config.sandboxScenarioSize === 0) return
  try {
    const report = await sandbox.scenario.replay({ firstOnly: true })
    if (report) log.info({ part: 'sandbox', ...report }, 'scenario replayed')
  } catch (err) {
    log.warn({ part: 'sandbox', err }, 'scenario replay failed')
  }
}

/**
 * Starts the portal: settings, lock, database and migrations, the sandbox
 * (with SANDBOX=on), then the server. Throws ConfigError for a bad setting.
 */
export async function startPortal(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningPortal> {
  const config = loadConfig(env)
  // PORT=0: the origin must be known before the server is built, so a free
  // port is held until the server listens on it.
  const reserved = config.port === 0 ? await reservePort(config.host) : null
  if (reserved) {
    config.port = reserved.port
    if (!env.PUBLIC_ORIGIN)
      config.publicOrigin = `http://localhost:${config.port}`
  }
  const log = pino(loggerOptions(env.LOG_LEVEL) as pino.LoggerOptions)

  let lock: DataDirLock | undefined
  let database: PortalDatabase | undefined
  let sandbox: Sandbox | undefined
  const cleanup = async () => {
    await reserved?.release()
    await sandbox?.close()
    await database?.close()
    lock?.release()
  }

  try {
    if (!config.databaseUrl) lock = lockDataDir(config.dataDir)
    database = await openDatabase(
      config.databaseUrl
        ? { url: config.databaseUrl }
        : { dataDir: config.dataDir },
    )
    await migrateToLatest(database.db)
    const modules = await discoverModules()

    if (config.sandbox) {
      sandbox = await startSandbox({
        db: database.db,
        ports: config.sandboxPorts,
        modules,
        portalClient: config.xroadClient,
        log: log.child({ part: 'sandbox' }),
        ocspPort: config.sandboxPorts.ocsp,
        witnessPort: config.sandboxPorts.witness,
        estcoin: config.estcoin,
        mobileId: {
          port: config.sandboxPorts.mobileId,
          confirmDelayMs: Number(env.SANDBOX_MOBILE_ID_DELAY_MS ?? 2000),
        },
        scenarioSize: config.sandboxScenarioSize,
        smartId: {
          port: config.sandboxPorts.smartId,
          confirmDelayMs: Number(env.SANDBOX_SMART_ID_DELAY_MS ?? 2000),
        },
        explanationDelayMs: Number(env.SANDBOX_EXPLANATION_DELAY_MS ?? 30_000),
      })
      config.xroadSecurityServerUrl = sandbox.xroadEeUrl
      if (!env.MOBILE_ID_URL) config.mobileId.url = sandbox.identity.mobileIdUrl
      if (!env.SMART_ID_URL) config.smartId.url = sandbox.identity.smartIdUrl
    }

    const gateway = createGateway({
      securityServerUrl: config.xroadSecurityServerUrl,
      client: config.xroadClient,
      log: log.child({ part: 'x-road' }),
    })
    const trustAnchors = config.eidTrustedCaFile
      ? readTrustAnchors(config.eidTrustedCaFile)
      : parseTrustAnchors(sandbox?.identity.ca.issuingPem ?? '')
    const ocspLog = log.child({ part: 'ocsp' })
    const ocsp = createOcspChecker({
      onFailure: (problem) => ocspLog.warn({ problem }, 'OCSP failed'),
    })
    const dependencies = probes(config)
    if (sandbox) {
      const probe = httpProbe(sandbox.identity.ocspUrl)
      dependencies.push({ name: 'ocsp', probe, critical: false })
    }
    const app = await buildApp({
      config,
      db: database.db,
      modules,
      gateway,
      tracker: {
        registers: config.trackerRegisters ?? sandbox?.findUsageServices ?? [],
        portalClient: config.xroadClient,
      },
      wallet: config.wallet,
      sandbox: sandbox?.residents,
      sandboxScenario: sandbox?.scenario,
      mobileId: {
        provider: createMobileIdClient(config.mobileId),
        trustAnchors,
        ocsp,
        rateLimit: config.signInRateLimit,
      },
      smartId: {
        provider: createSmartIdClient(config.smartId),
        trustAnchors,
        ocsp,
        rateLimit: config.signInRateLimit,
      },
      webEid: {
        trustAnchors,
        ocsp,
        rateLimit: config.signInRateLimit,
      },
      // Limitation: the phone's text names the recipient by personal code
      // until the wallet supplies the register's masked name (recipientName).
      signing: {
        mobileId: createMobileIdSigner(config.mobileId),
        smartId: createSmartIdSigner(config.smartId),
        idCard: true,
        trust: { anchors: trustAnchors, ocsp },
        rateLimit: config.signInRateLimit,
      },
      dependencies,
      logger: loggerOptions(env.LOG_LEVEL),
    })
    await reserved?.release()
    await app.listen({ port: config.port, host: config.host })
    const replaying = replayScenarioOnce(sandbox, config, log)

    return {
      app,
      config,
      url: `http://${config.host}:${config.port}`,
      sandbox,
      db: database.db,
      async close() {
        await app.close()
        await replaying
        await cleanup()
      },
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}
