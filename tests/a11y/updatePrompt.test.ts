import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { onlyModule } from '../support/a11yEnv.ts'
import { finishReports } from '../support/a11yReport.ts'
import { offerRealUpdate } from '../support/a11yServiceWorker.ts'
import { A11ySession } from '../support/a11ySession.ts'
import { VARIANTS, variantLabel, viewportOf } from '../support/a11yVariants.ts'
import { launchChromium } from '../support/chromium.ts'
import { startTestPortal, type TestPortal } from '../support/portal.ts'

/*
 * The prompt a real service-worker update brings up, in every variant.
 * The portal serves a copy of the built PWA, whose `sw.js` the check
 * changes as a new deployment would. Width, language and theme are then
 * changed in the page, as a citizen does, so the new version stays
 * waiting and the prompt on screen.
 */

// Nothing of a module is in it: `npm run a11y -- --module <id>` skips it.
describe.skipIf(onlyModule())('the update prompt', () => {
  let portal: TestPortal
  let browser: Browser
  let distDir: string
  let session: A11ySession

  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'portal-a11y-dist-'))
    cpSync(inject('distDir'), distDir, { recursive: true })
    portal = await startTestPortal({ DIST_DIR: distDir })
    browser = await launchChromium()

    session = await A11ySession.start(browser, portal.origin, VARIANTS[0]!, {
      serviceWorkers: true,
    })
    await session.open('/')
    await offerRealUpdate(session.page, session.url('/settings'), distDir)
  })

  afterAll(async () => {
    finishReports()
    await browser?.close()
    await portal?.stop()
    if (distDir) rmSync(distDir, { recursive: true, force: true })
  })

  for (const variant of VARIANTS) {
    it(`is accessible in ${variantLabel(variant)}`, async () => {
      const { page } = session
      const text = (key: string) => session.text(key, variant)
      await page.setViewportSize(viewportOf(variant))
      await page.locator(`header button[lang="${variant.language}"]`).click()
      await page
        .locator(`html[lang="${variant.language}"]`)
        .waitFor({ state: 'attached' })
      await page
        .getByRole('radio', { name: text(`settings.theme.${variant.theme}`) })
        .check()
      await page.getByText(text('update.available')).waitFor()

      await session.expectAccessible(
        { path: '/settings', name: 'settings', state: 'update prompt' },
        variant,
      )
    })
  }
})
