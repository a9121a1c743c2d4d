import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { AccessRight } from '../../server/catalog/sandboxFragment.ts'
import { openApiEndpoints } from '../xroad/openApiEndpoints.ts'
import type { ServiceRegistration } from '../xroad/serviceRegistry.ts'
import { EXPLANATION_OPENAPI } from './openApi.ts'
import { buildExplanationProvider } from './provider.ts'

/** The service code of a register's "explain an access" service. */
export const EXPLAIN_USAGE_SERVICE_CODE = 'explainUsage'

/** A register subsystem's explanation service, beside its `findUsage`. */
export function explainServiceOf(subsystem: string): string {
  return `${subsystem}/${EXPLAIN_USAGE_SERVICE_CODE}`
}

/**
 * Starts one register subsystem's explanation service and says how the
 * security server reaches it and who may call it: the portal, for the
 * citizen, may file and read requests.
 */
export async function startExplanationService(options: {
  db: Kysely<unknown>
  subsystem: string
  portalClient: string
  delayMs?: number
  log: FastifyBaseLogger
  listen: (app: FastifyInstance) => Promise<string>
}): Promise<{
  app: FastifyInstance
  service: ServiceRegistration
  rights: AccessRight[]
}> {
  const id = explainServiceOf(options.subsystem)
  const app = buildExplanationProvider({
    db: options.db,
    register: options.subsystem,
    delayMs: options.delayMs,
    log: options.log,
  })
  const baseUrl = await options.listen(app)
  const right = (methods: string[], path: string): AccessRight => ({
    client: options.portalClient,
    service: id,
    methods,
    path,
  })
  return {
    app,
    service: {
      id,
      baseUrl,
      openApiPath: '/openapi.json',
      endpoints: openApiEndpoints(EXPLANATION_OPENAPI),
    },
    rights: [
      right(['GET', 'POST'], '/requests'),
      right(['GET'], '/requests/*'),
    ],
  }
}
