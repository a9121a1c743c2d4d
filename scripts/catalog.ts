/**
 * `npm run catalog -- check` validates every service module;
 * `npm run catalog -- new <id>` scaffolds a working module with its tests.
 */
import { CATALOG_DIR } from '../server/catalog/discover.ts'
import { checkCatalog } from '../server/catalog/checkCatalog.ts'
import { scaffoldModule } from './catalog/scaffold.ts'

const USAGE = `Usage:
  npm run catalog -- check        validate every module in services-catalog/
  npm run catalog -- new <id>     scaffold services-catalog/<id>/ (kebab-case)`

async function check(): Promise<number> {
  const problems = await checkCatalog(CATALOG_DIR)
  if (problems.length === 0) {
    process.stdout.write('The catalog is valid.\n')
    return 0
  }
  for (const p of problems) {
    process.stderr.write(`${p.file}: ${p.field}: ${p.message}\n`)
  }
  process.stderr.write(`\n${problems.length} problem(s) found.\n`)
  return 1
}

async function main(args: string[]): Promise<number> {
  const [command, id] = args
  if (command === 'check') return check()
  if (command === 'new' && id) {
    const folder = await scaffoldModule(CATALOG_DIR, id)
    process.stdout.write(
      `Created ${folder}.\nNext: edit its manifest.ts, then run ` +
        '`npm run catalog -- check` and `npm test`.\n',
    )
    return 0
  }
  process.stderr.write(`${USAGE}\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exit(1)
  },
)
