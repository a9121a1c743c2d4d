import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest'
import { launchChromium } from '../support/chromium.ts'
import { startTestPortal, type TestPortal } from '../support/portal.ts'
import { waitForServiceWorkerControl } from '../support/serviceWorker.ts'

/**
 * The portal after a visit, when its server goes away: the shell and the
 * catalog come from the service worker's cache, and what needs the server
 * says so instead of waiting for an answer that will not come.
 */

const RESIDENT = '60001019906'

/** Long enough for any answer, far shorter than the HTTP client's timeout. */
const NO_HANGING_MS = 5_000

async function signInThroughPage(page: Page, redirect: string): Promise<void> {
  await page.goto(`/sign-in?redirect=${encodeURIComponent(redirect)}`)
  // The sandbox's resident fills in the Mobile-ID form; the sandbox
  // Mobile-ID service confirms.
  await page.getByRole('button', { name: new RegExp(RESIDENT) }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL((url) => url.pathname === redirect)
}

describe('offline', () => {
  let browser: Browser
  let portal: TestPortal
  let portalRunning: boolean
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  beforeEach(async () => {
    portal = await startTestPortal()
    portalRunning = true
    context = await browser.newContext({
      baseURL: portal.origin,
      locale: 'en-GB',
    })
    page = await context.newPage()
  })
  afterEach(async () => {
    await context?.close()
    if (portalRunning) await portal.stop()
  })

  async function stopPortal(): Promise<void> {
    await portal.stop()
    portalRunning = false
  }

  it('opens the home page from the cache, with the catalog and the offline notice', async () => {
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await expect(fetch(portal.origin).then((r) => r.ok)).resolves.toBe(true)

    await stopPortal()
    await expect(fetch(portal.origin)).rejects.toThrow()
    const response = await page.reload()

    expect(response?.fromServiceWorker()).toBe(true)
    const main = page.locator('main')
    await main.getByRole('heading', { level: 1, name: 'E-services' }).waitFor()
    for (const title of ['My personal data', 'My documents']) {
      await expect
        .poll(() => main.getByRole('link', { name: title }).count())
        .toBe(1)
    }
    const notice = page.getByRole('status').filter({
      hasText: 'The portal’s server cannot be reached',
    })
    await expect.poll(() => notice.count(), { timeout: NO_HANGING_MS }).toBe(1)
  })

  it('shows a module that needs the network an error, not a spinner', async () => {
    await signInThroughPage(page, '/services/personal-data')
    await waitForServiceWorkerControl(page)
    await page.getByText(RESIDENT).first().waitFor()

    await stopPortal()
    await page.getByRole('link', { name: /home page/ }).click()
    await page.getByRole('link', { name: 'My documents' }).click()

    await page
      .getByRole('heading', { level: 1, name: 'My documents' })
      .waitFor()
    const alert = page.locator('main [role="alert"]')
    await alert.waitFor({ timeout: NO_HANGING_MS })
    expect(await alert.innerText()).toContain(
      'The portal’s server could not be reached.',
    )
    await alert.getByRole('button', { name: 'Try again' }).waitFor()
    expect(await page.getByText('Loading your documents').count()).toBe(0)
  })

  it('explains that sign-in cannot be checked when a module page is reloaded', async () => {
    await signInThroughPage(page, '/services/documents')
    await waitForServiceWorkerControl(page)

    await stopPortal()
    await page.reload()

    await page.waitForURL((url) => url.pathname === '/sign-in', {
      timeout: NO_HANGING_MS,
    })
    const main = page.locator('main')
    await main
      .getByRole('heading', { name: 'Sign-in options could not be loaded' })
      .waitFor({ timeout: NO_HANGING_MS })
    expect(await main.innerText()).toContain(
      'The portal’s server could not be reached.',
    )
    await main.getByRole('button', { name: 'Try again' }).waitFor()
  })
})
