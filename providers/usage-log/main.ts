/**
 * `npm run usage-log`: one register's usage log on its own (settings in
 * settings.ts), serving its X-Road API. The register appends in its own
 * process through UsageLog on the same database; this process sends new
 * checkpoints to the witness every few seconds.
 */
import type { Kysely } from 'kysely'
import pino from 'pino'
import { openDatabase } from '../../server/db/database.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { buildUsageProvider } from './provider.ts'
import { UsageLogSettingError, loadUsageLogSettings } from './settings.ts'
import { UsageLog } from './usageLog.ts'
import { CheckpointWitnessing } from './witnessing.ts'

/** How often checkpoints written by other processes are sent on. */
const WITNESS_EVERY_MS = 5_000

let settings
try {
  settings = loadUsageLogSettings()
} catch (error) {
  if (!(error instanceof UsageLogSettingError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}
const log = pino({ level: process.env.LOG_LEVEL || 'info' })
const database = await openDatabase(settings.database)
const db = database.db as Kysely<unknown>
await migrateUsageLog(db)
const usageLog = await UsageLog.open(db, {
  origin: settings.origin,
  signer: settings.signer,
  witnesses: settings.witness ? [settings.witness.key] : [],
})
const app = buildUsageProvider({ log: usageLog, logger: log })
await app.listen({ port: settings.port, host: settings.host })

let witnessing: CheckpointWitnessing | undefined
let timer: NodeJS.Timeout | undefined
if (settings.witness) {
  const running = new CheckpointWitnessing({
    log: usageLog,
    witnessUrl: settings.witness.url,
    witnessKey: settings.witness.key,
    logger: log,
  })
  usageLog.onCommit(() => running.notify())
  running.notify()
  timer = setInterval(() => running.notify(), WITNESS_EVERY_MS)
  witnessing = running
}
log.info(
  {
    address: app.server.address(),
    origin: usageLog.origin,
    key: usageLog.verifierKey,
  },
  'usage log started',
)

const stop = async () => {
  clearInterval(timer)
  await witnessing?.stop()
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
