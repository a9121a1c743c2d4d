/**
 * `npx tsx scripts/xroad-log.ts verify [--data-dir DIR | --database-url URL]`
 * checks the sandbox security servers' hash-chained message logs.
 */
import { runXRoadLog } from './xroad-log/cli.ts'

runXRoadLog(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exit(1)
  },
)
