import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { hostLedgerService } from '../providers/estcoin-ledger/api/service.ts'
import { LEDGER_OPENAPI } from '../providers/estcoin-ledger/api/openApi.ts'
import type { EstcoinSettings } from '../providers/estcoin-ledger/api/settings.ts'
import type { AccessRight } from '../server/catalog/sandboxFragment.ts'
import { POPULATION_SERVICE } from './registers/sandboxRegisters.ts'
import { openApiEndpoints } from './xroad/openApiEndpoints.ts'
import type { ServiceRegistration } from './xroad/serviceRegistry.ts'

/** The Ministry of Finance, which runs the EstCoin ledger in the sandbox. */
export const ESTCOIN_MEMBER = {
  id: 'ee-dev/GOV/70000272',
  name: 'Ministry of Finance',
}

/** The sandbox's EstCoin ledger service (the portal's default). */
export const SANDBOX_LEDGER_SERVICE = `${ESTCOIN_MEMBER.id}/estcoin/ledger`

/**
 * Starts the EstCoin ledger service in-process on the sandbox database
 * (its migrations ran at sandbox start) with its monthly grant scheduler,
 * and says how the security server reaches it and who may call it: the
 * portal client only, on each described operation, and the population
 * register's person lookup, for the wallet's recipient preview.
 */
export async function startLedgerService(options: {
  db: Kysely<unknown>
  settings: EstcoinSettings
  portalClient: string
  log: FastifyBaseLogger
  listen: (app: FastifyInstance) => Promise<string>
}): Promise<{
  app: FastifyInstance
  service: ServiceRegistration
  rights: AccessRight[]
}> {
  const app = hostLedgerService({
    db: options.db,
    settings: options.settings,
    log: options.log,
  })
  const endpoints = openApiEndpoints(LEDGER_OPENAPI)
  const service: ServiceRegistration = {
    id: SANDBOX_LEDGER_SERVICE,
    baseUrl: await options.listen(app),
    openApiPath: '/openapi.json',
    endpoints,
  }
  const rights: AccessRight[] = endpoints.map((endpoint) => ({
    client: options.portalClient,
    service: SANDBOX_LEDGER_SERVICE,
    methods: [endpoint.method],
    path: endpoint.path,
  }))
  rights.push({
    client: options.portalClient,
    service: POPULATION_SERVICE,
    methods: ['GET'],
    path: '/*',
  })
  return { app, service, rights }
}
