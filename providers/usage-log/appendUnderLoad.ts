/**
 * Appends to a usage log from many concurrent writers until killed,
 * printing `ack <index> <messageId>` for each record once its append has
 * resolved (committed). The crash test kills it with SIGKILL mid-batch.
 *
 *     USAGE_LOG_DB=postgres://… USAGE_LOG_ORIGIN='… usage log' tsx appendUnderLoad.ts
 */
import type { Kysely } from 'kysely'
import { openDatabase } from '../../server/db/database.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { UsageLog } from './usageLog.ts'
import { entry } from './usageLogTestKit.ts'

const WRITERS = 64

const url = process.env.USAGE_LOG_DB
const origin = process.env.USAGE_LOG_ORIGIN
if (!url || !origin) {
  process.stderr.write('USAGE_LOG_DB and USAGE_LOG_ORIGIN are required\n')
  process.exit(2)
}

const { db } = await openDatabase({ url })
await migrateUsageLog(db as Kysely<unknown>)
const log = await UsageLog.open(db as Kysely<unknown>, { origin })
process.stdout.write('ready\n')

let next = 0
async function writer(): Promise<never> {
  for (;;) {
    const n = next++
    const appended = await log.append(
      entry(n, { messageId: `load-${process.pid}-${n}` }),
    )
    process.stdout.write(`ack ${appended.index} ${appended.record.messageId}\n`)
  }
}
await Promise.all(Array.from({ length: WRITERS }, writer))
