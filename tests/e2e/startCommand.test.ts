import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'

const ROOT = new URL('../..', import.meta.url).pathname

interface Started {
  child: ChildProcess
  output: () => string
  origin: Promise<string>
  exit: Promise<number | null>
}

function npmStart(env: Record<string, string>): Started {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/start.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let text = ''
  const origin = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      const match = /running: open (\S+)/.exec(text)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', () => reject(new Error(`exited early:\n${text}`)))
  })
  origin.catch(() => undefined)
  const exit = new Promise<number | null>((r) => child.once('exit', r))
  return { child, output: () => text, origin, exit }
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-start-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('builds, serves the portal within 60 s and stops cleanly on SIGTERM', async () => {
    const started = Date.now()
    const portal = npmStart({ ...ALL_ON_FREE_PORTS, DATA_DIR: dataDir })
    const origin = await portal.origin
    expect(Date.now() - started).toBeLessThan(60_000)

    const health = await fetch(`${origin}/api/health`)
    expect(health.status).toBe(200)
    const home = await fetch(origin)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('<div id="app"')
    expect(portal.output()).toMatch(/\d{11} {2}\S/)

    const second = npmStart({
      ...ALL_ON_FREE_PORTS,
      DATA_DIR: dataDir,
      SKIP_BUILD: '1',
    })
    expect(await second.exit).toBe(1)
    expect(second.output()).toContain('is in use by process')

    portal.child.kill('SIGTERM')
    expect(await portal.exit).toBe(0)
    expect(existsSync(join(dataDir, 'portal.lock'))).toBe(false)
  }, 120_000)

  it('refuses the sandbox on a public origin, naming the setting', async () => {
    const portal = npmStart({
      PUBLIC_ORIGIN: 'https://portal.example.ee',
      DATA_DIR: dataDir,
    })
    expect(await portal.exit).toBe(1)
    expect(portal.output()).toContain('Setting SANDBOX')
  })

  it('starts again on the same DATA_DIR with the sandbox ready, and replays the agencies on demand', async () => {
    const portal = npmStart({
      ...ALL_ON_FREE_PORTS,
      DATA_DIR: dataDir,
      SKIP_BUILD: '1',
    })
    const origin = await portal.origin
    const ready = await fetch(`${origin}/api/health/ready`)
    const body = (await ready.json()) as {
      dependencies: { name: string; ok: boolean }[]
    }
    expect(body.dependencies).toContainEqual(
      expect.objectContaining({ name: 'security-server', ok: true }),
    )

    const scenario = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/scenario.ts'],
      { cwd: ROOT, env: { ...process.env, PUBLIC_ORIGIN: origin } },
    )
    expect(scenario.stdout).toMatch(
      /: [1-9]\d* sent, [1-9]\d* answered, 0 failed/,
    )

    portal.child.kill('SIGINT')
    expect(await portal.exit).toBe(0)
  }, 60_000)
})
