/**
 * `npm run a11y` runs the accessibility suite alone (tests/a11y, in the
 * vitest `e2e` project) and writes an HTML report per page, state,
 * language, width and theme into reports/a11y/, with an index.html.
 * `npm run a11y -- --module <id>` checks only that service module's pages.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { moduleFolders } from '../server/catalog/discover.ts'
import { MODULE_ENV, REPORT_DIR_ENV } from '../tests/support/a11yEnv.ts'

const ROOT = new URL('..', import.meta.url).pathname
const REPORTS = join(ROOT, 'reports', 'a11y')

const USAGE = `Usage:
  npm run a11y                        every page of the shell and all modules
  npm run a11y -- --module <id>       only the pages of services-catalog/<id>`

function readModule(args: string[]): string | undefined {
  const { values } = parseArgs({
    args,
    options: { module: { type: 'string' } },
    strict: true,
  })
  const id = values.module
  if (id === undefined) return undefined
  const known = moduleFolders()
  if (!known.includes(id)) {
    throw new Error(
      `No service module '${id}' in services-catalog/. ` +
        `Known modules: ${known.join(', ') || 'none'}.`,
    )
  }
  return id
}

function runSuite(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(
    'npx',
    ['vitest', 'run', '--project', 'e2e', 'tests/a11y'],
    { cwd: ROOT, env, stdio: 'inherit' },
  )
  // Ctrl-C reaches the child through the terminal; wait for it to finish.
  process.on('SIGINT', () => undefined)
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)))
  })
}

async function main(args: string[]): Promise<number> {
  let module: string | undefined
  try {
    module = readModule(args)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`)
    return 2
  }

  // Reports of an earlier run would be listed as if checked now.
  rmSync(REPORTS, { recursive: true, force: true })
  mkdirSync(REPORTS, { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, [REPORT_DIR_ENV]: REPORTS }
  if (module) env[MODULE_ENV] = module

  const code = await runSuite(env)
  const index = relative(process.cwd(), join(REPORTS, 'index.html'))
  process.stdout.write(`\nAccessibility reports: ${index}\n`)
  return code
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exit(1)
  },
)
