import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { buildApp, type AppDependencies } from '../../server/app.ts'
import { loadModule } from '../../server/catalog/discover.ts'
import type { Database } from '../../server/db/schema.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import pino from 'pino'

/** The origin test apps believe they are served from. */
export const TEST_ORIGIN = 'http://localhost:8080'

/** Loads a module from tests/fixtures/catalog. */
export function fixtureModule(id: string) {
  return loadModule(
    join(new URL('../fixtures/catalog', import.meta.url).pathname, id),
  )
}

/** Builds the portal on a test database, with no listening port. */
export async function testApp(
  db: Kysely<Database>,
  overrides: Partial<AppDependencies> = {},
): Promise<FastifyInstance> {
  return buildApp({
    config: {
      publicOrigin: TEST_ORIGIN,
      trustProxy: false,
      distDir: '/nonexistent',
    },
    db,
    modules: [],
    gateway: createGateway({
      securityServerUrl: 'http://127.0.0.1:9',
      client: 'ee-dev/GOV/70000001/citizen-portal',
      log: pino({ level: 'silent' }),
    }),
    logger: false,
    ...overrides,
  })
}
