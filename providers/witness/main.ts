/**
 * `npm run witness`: the witness on its own (settings in settings.ts).
 * `npm run witness -- follow …`: the auditor (follow.ts).
 */
import type { Kysely } from 'kysely'
import pino from 'pino'
import { formatVerifierKey, verifierOf } from '../../common/checkpoint/keys.ts'
import { openDatabase } from '../../server/db/database.ts'
import { buildWitnessApp } from './app.ts'
import { migrateWitness } from './db/migrate.ts'
import { runFollow } from './follow.ts'
import { WitnessSettingError, loadWitnessSettings } from './settings.ts'
import { Witness, logKeysOf } from './witness.ts'

async function serve(): Promise<void> {
  let settings
  try {
    settings = loadWitnessSettings()
  } catch (error) {
    if (error instanceof WitnessSettingError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  const log = pino({ level: process.env.LOG_LEVEL || 'info' })
  const database = await openDatabase(settings.database)
  const db = database.db as Kysely<unknown>
  await migrateWitness(db)
  const witness = new Witness({
    db,
    signer: settings.signer,
    logs: logKeysOf(settings.logs),
    log,
  })
  const app = buildWitnessApp({ witness, log })
  await app.listen({ port: settings.port, host: settings.host })
  log.info(
    {
      address: app.server.address(),
      witness: formatVerifierKey(verifierOf(settings.signer)),
      logs: [...settings.logs.keys()],
    },
    'witness started',
  )
  const stop = async () => {
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'follow') {
  process.exitCode = await runFollow(rest, (text) => process.stdout.write(text))
} else if (command === undefined || command === 'serve') {
  await serve()
} else {
  process.stderr.write(`Unknown command ${command}: use serve or follow\n`)
  process.exitCode = 2
}
