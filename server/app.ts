import { randomUUID } from 'node:crypto'
import swagger from '@fastify/swagger'
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify'
import type { Kysely } from 'kysely'
import {
  mobileIdRoutes,
  type MobileIdRouteOptions,
} from './auth/mobileId/mobileIdRoutes.ts'
import {
  smartIdRoutes,
  type SmartIdRouteOptions,
} from './auth/smartId/smartIdRoutes.ts'
import {
  webEidRoutes,
  type WebEidRouteOptions,
} from './auth/webEid/webEidRoutes.ts'
import type { CatalogModule } from './catalog/discover.ts'
import { mountModules } from './catalog/mountModules.ts'
import type { Config, WalletConfig } from './config.ts'
import type { Database } from './db/schema.ts'
import { loggerOptions } from './logging.ts'
import { cachePolicy } from './plugins/cachePolicy.ts'
import { errorHandler } from './plugins/errorHandler.ts'
import { originCheck } from './plugins/originCheck.ts'
import { securityHeaders } from './plugins/securityHeaders.ts'
import { staticFiles } from './plugins/staticFiles.ts'
import { catalogRoutes } from './routes/catalog.ts'
import { feedbackRoutes } from './routes/feedback.ts'
import { healthRoutes, type DependencyProbe } from './routes/health.ts'
import {
  sandboxIdentityRoutes,
  type SandboxDirectory,
} from './routes/sandboxIdentities.ts'
import {
  sandboxScenarioRoutes,
  type ScenarioControl,
} from './routes/sandboxScenario.ts'
import { sessionRoutes } from './routes/session.ts'
import { explanationRoutes } from './tracker/explanationRoutes.ts'
import { trackerRoutes, type TrackerOptions } from './tracker/trackerRoutes.ts'
import { sessionPlugin } from './session/sessionPlugin.ts'
import { signingRoutes, type SigningOptions } from './signing/signingRoutes.ts'
import { SessionStore } from './session/sessionStore.ts'
import type { Gateway } from './xroad/gateway.ts'
import { createWallet } from './wallet/wallet.ts'
import { walletRoutes } from './wallet/walletRoutes.ts'

/** Everything the portal server is built from; main.ts or a test supplies it. */
export interface AppDependencies {
  config: Pick<Config, 'publicOrigin' | 'trustProxy' | 'distDir'>
  db: Kysely<Database>
  modules: CatalogModule[]
  gateway: Gateway
  dependencies?: DependencyProbe[]
  /** Mobile-ID sign-in: the provider, trusted CAs, OCSP, the rate limit. */
  mobileId?: Pick<
    MobileIdRouteOptions,
    'provider' | 'trustAnchors' | 'ocsp' | 'rateLimit' | 'pollTimeoutMs'
  >
  /** Smart-ID sign-in: the provider, trusted CAs, OCSP, the rate limit. */
  smartId?: Pick<
    SmartIdRouteOptions,
    'provider' | 'trustAnchors' | 'ocsp' | 'rateLimit' | 'pollTimeoutMs'
  >
  /** ID-card sign-in (Web eID): trusted CAs, OCSP and the rate limit. */
  webEid?: Pick<WebEidRouteOptions, 'trustAnchors' | 'ocsp' | 'rateLimit'>
  /** Transfer signing: the methods offered, trusted CAs, OCSP. */
  signing?: SigningOptions
  /** The Data Tracker: which registers to ask (the gateway is shared). */
  tracker?: Pick<TrackerOptions, 'registers' | 'portalClient'>
  /** The EstCoin wallet: its ledger and population register services. */
  wallet?: WalletConfig
  /** Present only with SANDBOX=on: the demo residents to sign in as. */
  sandbox?: SandboxDirectory
  /** Present only with SANDBOX=on: replays other agencies' traffic. */
  sandboxScenario?: ScenarioControl
  /** pino options, or false in tests that do not read logs. */
  logger?: FastifyServerOptions['logger']
  /** Largest accepted request body in bytes. */
  bodyLimit?: number
  clock?: () => Date
}

/**
 * Builds the portal server without listening, so tests drive it with
 * `app.inject()` and main.ts decides where it listens.
 */
export async function buildApp(
  deps: AppDependencies,
): Promise<FastifyInstance> {
  const { config } = deps
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(),
    trustProxy: config.trustProxy,
    bodyLimit: deps.bodyLimit ?? 64 * 1024,
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  })

  // The API speaks JSON only: any other body type is refused with 415.
  app.removeContentTypeParser('text/plain')
  errorHandler(app)
  securityHeaders(app, config)
  originCheck(app, config)
  cachePolicy(app)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Citizen Portal API',
        version: '1',
        description:
          'The portal API: sessions, the service catalog and every service ' +
          "module's operations under /api/services/<id>/. Errors are " +
          '{"error": {"code", "message"}}.',
      },
    },
  })

  const secure = config.publicOrigin.startsWith('https:')
  const store = new SessionStore(deps.db, deps.clock)
  const wallet =
    deps.wallet &&
    createWallet({
      config: deps.wallet,
      gateway: deps.gateway,
      db: deps.db,
      log: app.log.child({ part: 'wallet' }),
      clock: deps.clock,
    })
  await sessionPlugin(app, {
    store,
    secure,
    clock: deps.clock,
    onSignIn: wallet?.welcome,
  })

  await healthRoutes(app, {
    db: deps.db,
    dependencies: deps.dependencies ?? [],
  })
  await catalogRoutes(app, { manifests: deps.modules.map((m) => m.manifest) })
  await sessionRoutes(app)
  if (deps.mobileId) {
    await mobileIdRoutes(app, {
      ...deps.mobileId,
      db: deps.db,
      secure,
      clock: deps.clock,
    })
  }
  if (deps.smartId) {
    await smartIdRoutes(app, {
      ...deps.smartId,
      db: deps.db,
      secure,
      clock: deps.clock,
    })
  }
  if (deps.webEid) {
    await webEidRoutes(app, {
      ...deps.webEid,
      db: deps.db,
      origin: config.publicOrigin,
      secure,
      clock: deps.clock,
    })
  }
  if (deps.signing) {
    await signingRoutes(app, {
      ...deps.signing,
      db: deps.db,
      secure,
      clock: deps.clock,
    })
  }
  await feedbackRoutes(app, { db: deps.db })
  if (deps.tracker) {
    await trackerRoutes(app, {
      ...deps.tracker,
      gateway: deps.gateway,
      clock: deps.clock,
    })
    await explanationRoutes(app, {
      gateway: deps.gateway,
      registers: deps.tracker.registers,
    })
  }
  if (wallet) await walletRoutes(app, wallet)
  if (deps.sandbox) {
    await sandboxIdentityRoutes(app, { directory: deps.sandbox })
  }
  if (deps.sandboxScenario) {
    await sandboxScenarioRoutes(app, { scenario: deps.sandboxScenario })
  }
  await mountModules(app, { modules: deps.modules, gateway: deps.gateway })

  app.get(
    '/api/openapi.json',
    { config: { publicData: true }, schema: { hide: true } },
    async () => app.swagger(),
  )
  await staticFiles(app, config)
  return app
}
