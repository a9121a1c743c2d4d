import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/support/chromium.ts'

/** Debian's Chromium, listening for the DevTools protocol. */
export interface DebugChromium {
  /** The DevTools port, for Lighthouse's `port` flag. */
  port: number
  close(): Promise<void>
}

const START_TIMEOUT_MS = 20_000

/** Chromium writes its DevTools port here when started with port 0. */
function readActivePort(profile: string): number | undefined {
  try {
    const port = Number(
      readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0],
    )
    return port > 0 ? port : undefined
  } catch {
    return undefined
  }
}

/**
 * Starts headless Chromium with a fresh profile and remote debugging on a
 * port of its own choosing. Never downloads a browser: it is the one the
 * browser tests use (CHROMIUM_PATH, default /usr/bin/chromium).
 */
export async function launchDebugChromium(): Promise<DebugChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'portal-bench-chromium-'))
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  )
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    // Its helper processes may still be writing as the browser exits.
    rmSync(profile, {
      recursive: true,
      force: true,
      maxRetries: 10,
      retryDelay: 100,
    })
  }

  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null) {
    const port = readActivePort(profile)
    if (port) return { port, close }
    await sleep(100)
  }
  await close()
  throw new Error(
    `[bench] Chromium (${CHROMIUM}) did not open its DevTools port ` +
      `within ${START_TIMEOUT_MS / 1000} s.`,
  )
}
