import { sql, type Kysely } from 'kysely'
import { lockDataDir, type DataDirLock } from '../../server/db/dataDirLock.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import {
  messageLogServers,
  verifyMessageLog,
  type ChainVerification,
} from '../../sandbox/xroad/messageLog.ts'

/** Usage text of `scripts/xroad-log.ts`. */
export const XROAD_LOG_USAGE = `Usage:
  npx tsx scripts/xroad-log.ts verify [--data-dir DIR | --database-url URL]
      [--server NAME]

Walks each security server's message log (or only NAME's) and reports the
first record that was changed, removed or reordered. Without options it
reads DATABASE_URL, or else the embedded database in DATA_DIR (.data).`

/** Where the command writes. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
}

interface VerifyArgs {
  location: { url: string } | { dataDir: string }
  server?: string
}

function parseArgs(
  args: string[],
  env: Record<string, string | undefined>,
): VerifyArgs | null {
  const [command, ...rest] = args
  if (command !== 'verify') return null
  let url: string | undefined
  let dataDir: string | undefined
  let server: string | undefined
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1]
    if (value === undefined) return null
    if (rest[i] === '--database-url') url = value
    else if (rest[i] === '--data-dir') dataDir = value
    else if (rest[i] === '--server') server = value
    else return null
  }
  if (url !== undefined && dataDir !== undefined) return null
  if (url === undefined && dataDir === undefined) {
    if (env.DATABASE_URL) url = env.DATABASE_URL
    else dataDir = env.DATA_DIR || '.data'
  }
  return {
    location: url !== undefined ? { url } : { dataDir: dataDir ?? '.data' },
    server,
  }
}

async function hasMessageLog(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{
    name: string | null
  }>`SELECT to_regclass('sandbox_xroad_log_head')::text AS name`.execute(db)
  return rows[0]?.name != null
}

function describe(result: ChainVerification): string {
  if (result.ok) {
    return `${result.server}: ${result.records} record(s), chain intact (head ${result.headHash.slice(0, 16)}…)`
  }
  return (
    `${result.server}: record ${result.seq} was ${result.problem}: ` +
    `${result.message} (${result.records} record(s) read)`
  )
}

/**
 * Runs `verify` and returns the exit code: 0 when every chain is intact,
 * 1 when one is not (or the database cannot be read), 2 on bad usage.
 */
export async function runXRoadLog(
  args: string[],
  output: CliOutput,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const parsed = parseArgs(args, env)
  if (!parsed) {
    output.err(`${XROAD_LOG_USAGE}\n`)
    return 2
  }

  let lock: DataDirLock | undefined
  let database: PortalDatabase | undefined
  try {
    // The embedded database has one owner at a time; a running portal
    // holds the lock, and this command says so rather than corrupt it.
    if ('dataDir' in parsed.location)
      lock = lockDataDir(parsed.location.dataDir)
    database = await openDatabase(parsed.location)
    const db = database.db as Kysely<unknown>
    if (!(await hasMessageLog(db))) {
      output.err('This database has no X-Road message log.\n')
      return 1
    }
    const servers = parsed.server
      ? [parsed.server]
      : await messageLogServers(db)
    let intact = true
    for (const server of servers) {
      const result = await verifyMessageLog(db, server)
      intact &&= result.ok
      ;(result.ok ? output.out : output.err)(`${describe(result)}\n`)
    }
    if (servers.length === 0) output.out('No security server has logged.\n')
    return intact ? 0 : 1
  } finally {
    await database?.close()
    lock?.release()
  }
}
