import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { launchChromium } from './chromium.ts'
import { startTestPortal, type TestPortal } from './portal.ts'

/** What the tests of a browser suite use; set by the suite's hooks. */
export interface BrowserSuite {
  /** The portal and sandbox, one for the whole file. */
  portal: TestPortal
  browser: Browser
  /** A fresh context for each test, in British English. */
  context: BrowserContext
  page: Page
}

/** How a browser suite starts its portal and prepares each page. */
export interface BrowserSuiteOptions {
  /** Settings for the portal, e.g. a shorter Mobile-ID delay. */
  env?: Record<string, string>
  /** Runs on each new page before its test, e.g. to record announcements. */
  preparePage?: (page: Page) => Promise<void>
}

/**
 * Registers the hooks every browser suite needs: the real portal and
 * Chromium for the file, a new context and page for each test. Call it in
 * a `describe` and read the returned object inside the tests.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const suite = {} as BrowserSuite

  beforeAll(async () => {
    suite.portal = await startTestPortal(options.env)
    suite.browser = await launchChromium()
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.portal?.stop()
  })

  beforeEach(async () => {
    suite.context = await suite.browser.newContext({
      baseURL: suite.portal.origin,
      locale: 'en-GB',
    })
    suite.page = await suite.context.newPage()
    await options.preparePage?.(suite.page)
  })
  afterEach(async () => {
    await suite.context?.close()
  })

  return suite
}
