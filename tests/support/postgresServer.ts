import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from '../../server/freePort.ts'

/** A throw-away PostgreSQL server for tests. */
export interface PostgresServer {
  url: string
  stop(): Promise<void>
}

const isRoot = process.getuid?.() === 0

function findBinDir(): string | undefined {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a))
  for (const version of versions) {
    const bin = join(base, version, 'bin')
    if (existsSync(join(bin, 'initdb'))) return bin
  }
  return undefined
}

function install(): void {
  process.stderr.write('PostgreSQL is missing; installing Debian postgresql…\n')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const result = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
    { stdio: 'inherit', env },
  )
  if (result.status !== 0) throw new Error('apt-get install postgresql failed')
}

/** Finds the server binaries, installing Debian's package when root. */
export function postgresBinDir(): string {
  let bin = findBinDir()
  if (!bin && isRoot) {
    install()
    bin = findBinDir()
  }
  if (!bin) {
    throw new Error(
      'The server tests need a PostgreSQL server: install it with ' +
        '`sudo apt-get install -y postgresql`, or set TEST_DATABASE_URL ' +
        'to a database the tests may create databases in.',
    )
  }
  return bin
}

function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot
    ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
    : [cmd, args]
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`postgres exited with code ${child.exitCode}`)
    }
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  throw new Error('PostgreSQL did not start within 30 s')
}

/** Signals the server through its postmaster.pid; false when not found. */
function signalPostmaster(data: string, signal: NodeJS.Signals): boolean {
  try {
    const pid = Number(
      readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0],
    )
    if (!Number.isInteger(pid) || pid <= 0) return false
    process.kill(pid, signal)
    return true
  } catch {
    return false
  }
}

/**
 * Starts PostgreSQL in a temporary folder on a free loopback port. As root
 * it runs as the `postgres` user, since initdb and postgres refuse root.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'))
  if (isRoot) {
    const user = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    chownSync(dir, Number(user.stdout), Number(group.stdout))
  }

  const data = join(dir, 'data')
  const [initCmd, initArgs] = asPostgresUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ])
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' })
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`)
  }

  const port = await freePort()
  const [cmd, args] = asPostgresUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ])
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  try {
    await waitUntilReady(url, child)
  } catch (err) {
    child.kill('SIGKILL')
    throw new Error(`${(err as Error).message}\n${stderr}`)
  }

  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      // runuser passes SIGTERM on but not SIGINT, and SIGTERM is a smart
      // shutdown that waits for clients; so the server itself gets SIGINT.
      if (!signalPostmaster(data, 'SIGINT')) child.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
