import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { loadModule } from '../../server/catalog/discover.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import { startSandbox, type Sandbox } from '../../sandbox/start.ts'
import { citizenSession } from './citizenSession.ts'
import { testApp } from './testApp.ts'

/** A module's operations running on the real portal, sandbox and X-Road. */
export interface ModuleHarness {
  app: FastifyInstance
  sandbox: Sandbox
  database: PortalDatabase
  /**
   * Starts a session for a sandbox resident (no sign-in method is under
   * test here); returns the cookies to send.
   */
  signIn(personalCode: string): Promise<Record<string, string>>
  close(): Promise<void>
}

const PORTAL_CLIENT = 'ee-dev/GOV/70000001/citizen-portal'

/**
 * Starts the portal server (no port; use `app.inject`) with the given
 * module folders, and the sandbox with their stub providers behind a real
 * security server, on the embedded database.
 */
export async function startModuleHarness(
  ...folders: string[]
): Promise<ModuleHarness> {
  const log = pino({ level: 'silent' })
  const database = await openDatabase({ memory: true })
  await migrateToLatest(database.db)
  const modules = await Promise.all(folders.map((f) => loadModule(f)))
  const sandbox = await startSandbox({
    db: database.db,
    ports: { xroadEe: 0, xroadFi: 0 },
    modules,
    portalClient: PORTAL_CLIENT,
    log,
  })
  const app = await testApp(database.db, {
    modules,
    sandbox: sandbox.residents,
    gateway: createGateway({
      securityServerUrl: sandbox.xroadEeUrl,
      client: PORTAL_CLIENT,
      log,
    }),
  })

  return {
    app,
    sandbox,
    database,
    async signIn(personalCode) {
      const resident = await sandbox.residents.find(personalCode)
      if (!resident) {
        throw new Error(`${personalCode} is no sandbox resident`)
      }
      return citizenSession(database.db, resident)
    },
    async close() {
      await app.close()
      await sandbox.close()
      await database.close()
    },
  }
}
