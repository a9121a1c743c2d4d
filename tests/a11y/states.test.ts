import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { onlyModule } from '../support/a11yEnv.ts'
import { failRequests, holdRequests } from '../support/a11yPage.ts'
import { finishReports } from '../support/a11yReport.ts'
import { moduleRoutes, type CheckedRoute } from '../support/a11yRoutes.ts'
import { A11ySession } from '../support/a11ySession.ts'
import {
  SAMPLE_VARIANTS,
  VARIANTS,
  variantLabel,
  type Variant,
} from '../support/a11yVariants.ts'
import { launchChromium } from '../support/chromium.ts'
import { startTestPortal, type TestPortal } from '../support/portal.ts'
import { signInStates } from './signInStates.ts'
import { trackerStates } from './trackerStates.ts'
import { walletPages, walletStates } from './walletStates.ts'

/*
 * The states a page shows besides its usual one, each checked like a page
 * (axe, language, title, CSP). In every variant: each module page loading
 * and failing, the feedback form's error summary and the offline notice.
 * In a sample of variants (SAMPLE_VARIANTS), the rarer ones: the sign-in
 * page's states, the open menu, a search without results, signed in.
 * The wallet's pages in every variant, its rarer states in the sample.
 */

const only = onlyModule()
const modulePages = await moduleRoutes(only)

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

const HOME = { path: '/', name: 'home' }
const SIGN_IN = { path: '/sign-in', name: 'sign-in' }

function shellStates(session: () => A11ySession): void {
  it('the feedback form is accessible with its error summary', async () => {
    const s = session()
    await s.open('/accessibility')
    await s.page.locator('#feedback button[type="submit"]').click()
    await s.page
      .getByRole('heading', { name: s.text('form.summaryTitle') })
      .waitFor()
    await s.expectAccessible({
      path: '/accessibility',
      name: 'accessibility statement',
      state: 'error summary',
    })
  })

  it('the home page is accessible with the offline notice', async () => {
    const s = session()
    await s.open('/')
    await s.context.setOffline(true)
    try {
      await s.page.getByText(s.text('network.offlineTitle')).waitFor()
      await s.expectAccessible({ ...HOME, state: 'offline' })
    } finally {
      await s.context.setOffline(false)
    }
  })
}

function homeStates(session: () => A11ySession): void {
  it('the home page is accessible with the menu open', async () => {
    const s = session()
    await s.open('/')
    await s.page.locator('button[aria-controls="main-menu"]').click()
    await s.page.locator('#main-menu').waitFor()
    await s.expectAccessible({ ...HOME, state: 'menu open' })
  })

  it('the home page is accessible when a search finds nothing', async () => {
    const s = session()
    await s.open('/')
    await s.page.locator('#catalog-search').fill('qqqxxzz')
    await s.page.getByText(s.text('catalog.noResultsHint')).waitFor()
    await s.expectAccessible({ ...HOME, state: 'search without results' })
  })
}

function signedInStates(session: () => A11ySession): void {
  it('the home page is accessible when signed in', async () => {
    const s = session()
    await s.signIn()
    await s.open('/')
    await s.page
      .getByRole('button', { name: s.text('session.signOut') })
      .waitFor()
    await s.expectAccessible({ ...HOME, state: 'signed in' })
  })

  it('the sign-in page is accessible when already signed in', async () => {
    const s = session()
    await s.signIn()
    await s.open('/sign-in')
    await s.page
      .getByRole('link', { name: s.text('signIn.continue') })
      .waitFor()
    await s.expectAccessible({ ...SIGN_IN, state: 'already signed in' })
  })

  it('the sign-in page is accessible when it asks for a stronger sign-in', async () => {
    const s = session()
    await s.signIn()
    const from = encodeURIComponent(modulePages[0]?.path ?? '/')
    const path = `/sign-in?redirect=${from}&reason=assurance`
    await s.open(path)
    await s.page.getByText(s.text('signIn.assuranceTooLow')).waitFor()
    await s.expectAccessible({ ...SIGN_IN, path, state: 'stronger sign-in' })
  })

  it('the home page is accessible with the idle-session warning', async () => {
    const s = session()
    await s.signIn()
    // The server says the session ends in a minute: the warning opens.
    const url = s.url('/api/session')
    await s.page.route(url, async (route) => {
      const response = await route.fetch()
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'x-session-idle-expires-in': '60' },
      })
    })
    try {
      await s.open('/')
      await s.page
        .getByRole('alertdialog', { name: s.text('session.idleTitle') })
        .waitFor()
      await s.expectAccessible({ ...HOME, state: 'idle warning' })
    } finally {
      await s.page.unroute(url)
    }
  })
}

function moduleStates(session: () => A11ySession, route: CheckedRoute): void {
  const api = `${route.module?.api ?? '/api/'}**`

  it(`${route.path} is accessible while its data loads`, async () => {
    const s = session()
    if (route.needsSignIn) await s.signIn()
    const release = await holdRequests(s.page, s.url(api))
    try {
      await s.open(route.path, { settle: false })
      await s.page.locator('#main .loading').waitFor()
      await s.expectAccessible({ ...route, state: 'loading' })
    } finally {
      await release()
    }
  })

  it(`${route.path} is accessible when the agency cannot be reached`, async () => {
    const s = session()
    if (route.needsSignIn) await s.signIn()
    const url = s.url(api)
    const stop = await failRequests(s.page, url, 502, 'XROAD_UNAVAILABLE')
    try {
      await s.open(route.path)
      await s.page
        .locator('#main')
        .getByText(s.text('errors.codes.XROAD_UNAVAILABLE'))
        .waitFor()
      await s.expectAccessible({ ...route, state: 'module error' })
    } finally {
      await stop()
    }
  })
}

function sampled(variant: Variant): boolean {
  return SAMPLE_VARIANTS.includes(variant)
}

for (const variant of VARIANTS) {
  describe(`in ${variantLabel(variant)}`, () => {
    let session: A11ySession

    beforeAll(async () => {
      session = await A11ySession.start(browser, portal.origin, variant)
    })

    afterAll(async () => {
      await session?.close()
    })

    // Signed out first; signed-in states and module pages after.
    if (!only) {
      shellStates(() => session)
      if (sampled(variant)) {
        signInStates(() => session)
        homeStates(() => session)
        signedInStates(() => session)
        trackerStates(
          () => session,
          () => portal.sandbox?.xroadEeUrl ?? '',
        )
        walletStates(() => session)
      }
      walletPages(() => session)
    }
    for (const route of modulePages) moduleStates(() => session, route)
  })
}
