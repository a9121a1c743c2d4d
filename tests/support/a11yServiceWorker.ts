import {
  appendFileSync,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'

/**
 * Deploys a "new version" into a built PWA folder: changes its `sw.js` and
 * the compressed copies the server prefers, as a new build would.
 */
export function changeServiceWorker(distDir: string): void {
  const file = join(distDir, 'sw.js')
  appendFileSync(file, `\n// New version: ${new Date().toISOString()}\n`)
  const changed = readFileSync(file)
  if (existsSync(`${file}.br`)) {
    writeFileSync(`${file}.br`, brotliCompressSync(changed))
  }
  if (existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(changed))
}

/** Waits until the page's service worker is installed and activated. */
export async function serviceWorkerActivated(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { active } = await navigator.serviceWorker.ready
    if (!active || active.state === 'activated') return
    await new Promise((resolve) => {
      active.addEventListener('statechange', () => {
        if (active.state === 'activated') resolve(undefined)
      })
    })
  })
}

/**
 * Makes a real new version appear: lets the built service worker install,
 * opens `url` under its control, changes `sw.js` in the folder the portal
 * serves and asks the browser to look for an update, as it does by itself
 * now and then. The shell then offers the waiting version in its prompt.
 */
export async function offerRealUpdate(
  page: Page,
  url: string,
  distDir: string,
): Promise<void> {
  await serviceWorkerActivated(page)
  // The next page opened is controlled (a reload of the first one is not).
  await page.goto(url)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  changeServiceWorker(distDir)
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    await registration?.update()
  })
  await page.locator('[role="status"] button').waitFor()
}
