/** `npm run ledger`: the EstCoin ledger service on its own (api/settings.ts). */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { openDatabase } from '../../server/db/database.ts'
import { hostLedgerService } from './api/service.ts'
import {
  LedgerSettingError,
  loadLedgerServiceSettings,
} from './api/settings.ts'
import { migrateLedger } from './db/migrate.ts'

let settings
try {
  settings = loadLedgerServiceSettings()
} catch (error) {
  if (!(error instanceof LedgerSettingError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}
const log = pino({ level: process.env.LOG_LEVEL || 'info' })
const database = await openDatabase(settings.database)
const db = database.db as Kysely<unknown>
await migrateLedger(db)
const app = hostLedgerService({
  db,
  settings,
  log: log as FastifyBaseLogger,
})
await app.listen({ port: settings.port, host: settings.host })
log.info({ address: app.server.address() }, 'EstCoin ledger started')

const stop = async () => {
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
