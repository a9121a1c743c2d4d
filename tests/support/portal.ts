import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'

/** A portal with its sandbox on free ports and its own DATA_DIR. */
export interface TestPortal extends RunningPortal {
  origin: string
  dataDir: string
  /** Stops the portal and removes its DATA_DIR. */
  stop(): Promise<void>
}

/**
 * Starts the real portal and sandbox in this process, on free ports, with
 * a temporary DATA_DIR and the PWA built by the browser-test setup; `env`
 * overrides any setting.
 */
export async function startTestPortal(
  env: Record<string, string> = {},
): Promise<TestPortal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-data-'))
  const portal = await startPortal({
    ...ALL_ON_FREE_PORTS,
    DATA_DIR: dataDir,
    DIST_DIR: inject('distDir'),
    SANDBOX: 'on',
    LOG_LEVEL: 'warn',
    // Suites sign residents in through the sandbox Mobile-ID service many
    // times from one address: a short confirmation, no rate limit in reach.
    SANDBOX_MOBILE_ID_DELAY_MS: '100',
    SIGN_IN_RATE_LIMIT: '1000',
    ...env,
  })
  return {
    ...portal,
    origin: portal.config.publicOrigin,
    dataDir,
    async stop() {
      await portal.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
