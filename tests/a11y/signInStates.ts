import type { Page } from 'playwright-core'
import { it } from 'vitest'
import { failRequests, holdRequests } from '../support/a11yPage.ts'
import type { A11ySession } from '../support/a11ySession.ts'

/*
 * The states of the sign-in page, for states.test.ts: the sandbox's test
 * identities loading, failing to load and failing to sign in, and the
 * Mobile-ID form's error summary, waiting and failure. Mobile-ID answers
 * are made up here, so the checks do not wait on the simulator's timing.
 */

const SIGN_IN = { path: '/sign-in', name: 'sign-in' }
const IDENTITIES = '/api/sandbox/identities'
const MOBILE_ID = '/api/auth/mobile-id'
const SIGN_IN_ID = 'a11y-check'

/** Answers Mobile-ID's start, and every poll with the given status. */
async function fakeMobileId(
  page: Page,
  url: (path: string) => string,
  status: Record<string, string>,
): Promise<() => Promise<void>> {
  const started = { id: SIGN_IN_ID, verificationCode: '4721' }
  const answer = (body: unknown) => ({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
  })
  const start = url(MOBILE_ID)
  const poll = url(`${MOBILE_ID}/${SIGN_IN_ID}`)
  await page.route(start, (route) => route.fulfill(answer(started)))
  await page.route(poll, (route) => route.fulfill(answer(status)))
  return async () => {
    await page.unroute(start)
    await page.unroute(poll)
  }
}

/** Fills the Mobile-ID form with the demo identity that signs in. */
async function submitMobileId(s: A11ySession): Promise<void> {
  await s.page.locator('#mobile-id-phone').fill('+37200000766')
  await s.page.locator('#mobile-id-personal-code').fill('60001019906')
  await s.page
    .getByRole('button', { name: s.text('signIn.mobileId.submit') })
    .click()
}

/** Registers the sign-in page's state checks; call before signing in. */
export function signInStates(session: () => A11ySession): void {
  it('the sign-in page is accessible while the identities load', async () => {
    const s = session()
    const release = await holdRequests(s.page, s.url(IDENTITIES))
    try {
      await s.open('/sign-in', { settle: false })
      await s.page.locator('#main .loading').waitFor()
      await s.expectAccessible({ ...SIGN_IN, state: 'loading' })
    } finally {
      await release()
    }
  })

  it('the sign-in page is accessible when the identities cannot load', async () => {
    const s = session()
    const url = s.url(IDENTITIES)
    const stop = await failRequests(s.page, url, 503, 'NOT_AVAILABLE')
    try {
      await s.open('/sign-in')
      await s.page.getByText(s.text('errors.codes.NOT_AVAILABLE')).waitFor()
      await s.expectAccessible({ ...SIGN_IN, state: 'identities failed' })
    } finally {
      await stop()
    }
  })

  it('the sign-in page is accessible when acting as an identity fails', async () => {
    const s = session()
    const url = s.url('/api/sandbox/sign-in')
    const stop = await failRequests(s.page, url, 503, 'NOT_AVAILABLE')
    try {
      await s.open('/sign-in')
      await s.page.locator('#main .identity').first().click()
      await s.page.getByText(s.text('signIn.signInFailed')).waitFor()
      await s.expectAccessible({ ...SIGN_IN, state: 'sandbox sign-in failed' })
    } finally {
      await stop()
    }
  })

  it('the Mobile-ID form is accessible with its error summary', async () => {
    const s = session()
    await s.open('/sign-in')
    await s.page
      .getByRole('button', { name: s.text('signIn.mobileId.submit') })
      .click()
    await s.page
      .getByRole('heading', { name: s.text('form.summaryTitle') })
      .waitFor()
    await s.expectAccessible({ ...SIGN_IN, state: 'Mobile-ID error summary' })
  })

  it('the sign-in page is accessible while Mobile-ID waits for the phone', async () => {
    const s = session()
    const stop = await fakeMobileId(s.page, (p) => s.url(p), {
      state: 'RUNNING',
    })
    try {
      await s.open('/sign-in')
      await submitMobileId(s)
      await s.page
        .getByRole('heading', { name: s.text('signIn.mobileId.waitingTitle') })
        .waitFor()
      await s.expectAccessible({ ...SIGN_IN, state: 'Mobile-ID waiting' })
    } finally {
      await stop()
    }
  })

  it('the sign-in page is accessible when Mobile-ID sign-in fails', async () => {
    const s = session()
    const stop = await fakeMobileId(s.page, (p) => s.url(p), {
      state: 'COMPLETE',
      result: 'USER_CANCELLED',
    })
    try {
      await s.open('/sign-in')
      await submitMobileId(s)
      await s.page
        .getByRole('heading', { name: s.text('signIn.mobileId.failedTitle') })
        .waitFor()
      await s.expectAccessible({ ...SIGN_IN, state: 'Mobile-ID failed' })
    } finally {
      await stop()
    }
  })
}
