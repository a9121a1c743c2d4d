import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { onlyModule } from '../support/a11yEnv.ts'
import { finishReports } from '../support/a11yReport.ts'
import { moduleRoutes, SHELL_ROUTES } from '../support/a11yRoutes.ts'
import { A11ySession } from '../support/a11ySession.ts'
import { VARIANTS, variantLabel } from '../support/a11yVariants.ts'
import { launchChromium } from '../support/chromium.ts'
import { startTestPortal, type TestPortal } from '../support/portal.ts'

/*
 * Every route of the shell and of every service module, in every language,
 * at phone and laptop width, in the light and dark themes: axe finds no
 * WCAG A or AA violation, and the page has its language, its title and no
 * Content-Security-Policy violation. Shell pages are checked as a visitor
 * sees them before signing in; a module that needs sign-in, after it.
 */

const only = onlyModule()
const routes = [...(only ? [] : SHELL_ROUTES), ...(await moduleRoutes(only))]

let portal: TestPortal
let browser: Browser

beforeAll(async () => {
  portal = await startTestPortal()
  browser = await launchChromium()
})

afterAll(async () => {
  finishReports()
  await browser?.close()
  await portal?.stop()
})

for (const variant of VARIANTS) {
  describe(`in ${variantLabel(variant)}`, () => {
    let session: A11ySession

    beforeAll(async () => {
      session = await A11ySession.start(browser, portal.origin, variant)
    })

    afterAll(async () => {
      await session?.close()
    })

    for (const route of routes) {
      it(`${route.path} (${route.name}) has no accessibility problems`, async () => {
        if (route.needsSignIn) await session.signIn()
        await session.open(route.path)
        await session.expectAccessible({ ...route, state: 'page' })
      })
    }
  })
}
