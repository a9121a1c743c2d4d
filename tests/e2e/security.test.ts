import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite } from '../support/browserSuite.ts'
import {
  cachedUrls,
  waitForServiceWorkerControl,
} from '../support/serviceWorker.ts'

/**
 * The browser side of the security model: the Content-Security-Policy
 * holds on every page, personal answers never reach Cache Storage, and
 * signing out ends the session on the server as well as in the page.
 */

const RESIDENT = '60001019906'
const SHELL_ROUTES = [
  '/',
  '/sign-in',
  '/settings',
  '/accessibility',
  '/no/such/page',
]
const MODULE_ROUTES = ['/services/personal-data', '/services/documents']

declare global {
  interface Window {
    __cspViolations?: string[]
  }
}

/** Records every CSP violation a page reports, from before its scripts run. */
async function recordCspViolations(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const seen: string[] = []
    window.__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI}`)
    })
  })
  const fromConsole: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      fromConsole.push(message.text())
    }
  })
  return fromConsole
}

async function violations(page: Page, fromConsole: string[]) {
  const reported = await page.evaluate(() => window.__cspViolations ?? [])
  return [...reported, ...fromConsole]
}

/** Opens a page and waits until it has fetched all it is going to. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.locator('main h1').first().waitFor()
  await page.waitForLoadState('networkidle')
}

/** Signs in as the resident on the sign-in page; ends back at `redirect`. */
async function signIn(page: Page, redirect = '/'): Promise<void> {
  await page.goto(`/sign-in?redirect=${encodeURIComponent(redirect)}`)
  // The sandbox's resident fills in the Mobile-ID form; the sandbox
  // Mobile-ID service confirms.
  await page.getByRole('button', { name: new RegExp(RESIDENT) }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL((url) => url.pathname === redirect)
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

/** Opens both modules and waits for each to show the resident's data. */
async function readBothModules(page: Page): Promise<void> {
  await visit(page, '/services/personal-data')
  await page.locator('main').getByText(RESIDENT).waitFor()
  await visit(page, '/services/documents')
  await page.locator('main li').first().waitFor()
}

function apiEntries(cached: Record<string, string[]>): string[] {
  return Object.values(cached)
    .flat()
    .filter((url) => new URL(url).pathname.startsWith('/api/'))
}

describe('security in the browser', () => {
  const suite = browserSuite()

  it('breaks no Content-Security-Policy rule on any shell route', async () => {
    const fromConsole = await recordCspViolations(suite.page)
    for (const path of SHELL_ROUTES) {
      const response = await suite.page.goto(path)
      expect(response?.headers()['content-security-policy']).toContain(
        "script-src 'self'",
      )
      await suite.page.locator('main h1').first().waitFor()
      await suite.page.waitForLoadState('networkidle')
      expect(await violations(suite.page, fromConsole), path).toEqual([])
    }
  })

  it('breaks none on the service module pages either, signed in', async () => {
    const fromConsole = await recordCspViolations(suite.page)
    await signIn(suite.page)
    for (const path of MODULE_ROUTES) {
      await visit(suite.page, path)
      expect(await violations(suite.page, fromConsole), path).toEqual([])
    }
  })

  it('notices a violation when a page breaks the policy', async () => {
    const fromConsole = await recordCspViolations(suite.page)
    await visit(suite.page, '/')
    await suite.page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.name = "inline"'
      document.head.append(script)
    })
    await expect
      .poll(() => violations(suite.page, fromConsole))
      .toContainEqual(expect.stringContaining('script-src'))
    expect(await suite.page.evaluate(() => window.name)).not.toBe('inline')
  })

  it('keeps personal API answers out of Cache Storage', async () => {
    const personal: { url: string; cacheControl?: string }[] = []
    suite.page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/services/')) {
        personal.push({
          url: response.url(),
          cacheControl: response.headers()['cache-control'],
        })
      }
    })
    await signIn(suite.page)
    await waitForServiceWorkerControl(suite.page)
    await readBothModules(suite.page)

    expect(personal.length).toBeGreaterThanOrEqual(2)
    for (const answer of personal) {
      expect(answer.cacheControl, answer.url).toBe('no-store')
    }
    const cached = await cachedUrls(suite.page)
    const precached = Object.entries(cached).filter(([name]) =>
      name.startsWith('workbox-precache'),
    )
    expect(precached.flatMap(([, urls]) => urls).length).toBeGreaterThan(0)
    const allowed = (url: string) => new URL(url).pathname === '/api/catalog'
    expect(apiEntries(cached).filter((url) => !allowed(url))).toEqual([])

    const stored = await suite.page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    )
    expect(stored).not.toContain(RESIDENT)
  })

  it('signs out through the page: the server forgets the session and modules ask for sign-in again', async () => {
    await signIn(suite.page)
    await waitForServiceWorkerControl(suite.page)
    await readBothModules(suite.page)
    const sessionCookie = (await suite.context.cookies())
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')

    await suite.page.getByRole('button', { name: 'Sign out' }).click()
    await suite.page.waitForURL((url) => url.pathname === '/')
    await suite.page
      .locator('header')
      .getByRole('link', { name: 'Sign in' })
      .waitFor()

    const session = await suite.page.request.get('/api/session')
    expect(await session.json()).toEqual({ user: null })
    const replayed = await fetch(`${suite.portal.origin}/api/session`, {
      headers: { Cookie: sessionCookie },
    })
    expect(await replayed.json()).toEqual({ user: null })
    expect(apiEntries(await cachedUrls(suite.page))).toEqual([])

    for (const path of MODULE_ROUTES) {
      await suite.page.goto(path)
      await suite.page.waitForURL((url) => url.pathname === '/sign-in')
      expect(new URL(suite.page.url()).searchParams.get('redirect')).toBe(path)
      await suite.page
        .locator('main')
        .getByRole('heading', { level: 1, name: 'Sign in' })
        .waitFor()
    }
  })
})
