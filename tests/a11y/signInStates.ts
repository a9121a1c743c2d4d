import type { Page, Route } from 'playwright-core'
import { it } from 'vitest'
import { failRequests, holdRequests } from '../support/a11yPage.ts'
import type { A11ySession } from '../support/a11ySession.ts'
import { shellTextKeys } from '../support/a11yTexts.ts'

/*
 * The states of the sign-in page, for states.test.ts: the sandbox's test
 * identities loading and failing to load, one filling in the Mobile-ID
 * form; for Mobile-ID and Smart-ID the form's error summary, the
 * verification code while waiting and every result the page explains;
 * for ID-card the wait for the card and every refusal, the Web eID
 * extension's and the portal's. Answers of the identity providers and the
 * extension are made up here, so the checks do not wait on the sandbox.
 */

const IDENTITIES = '/api/sandbox/identities'
const SIGN_IN_ID = 'a11y-check'

/** The portal's refusals of an ID-card token (server/errors.ts). */
const ID_CARD_REFUSALS = [
  'TOKEN_INVALID',
  'NONCE_INVALID',
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_NOT_FOR_AUTHENTICATION',
  'CERTIFICATE_POLICY_REFUSED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_STATUS_UNKNOWN',
  'OCSP_UNAVAILABLE',
]

/** A phone sign-in method as the page and its texts name it. */
interface PhoneMethod {
  /** Its `?method=` and element id prefix. */
  id: 'mobile-id' | 'smart-id'
  /** Where its texts are. */
  texts: 'signIn.mobileId' | 'signIn.smartId'
  label: string
  fill(page: Page): Promise<void>
}

const MOBILE_ID: PhoneMethod = {
  id: 'mobile-id',
  texts: 'signIn.mobileId',
  label: 'Mobile-ID',
  async fill(page) {
    await page.locator('#mobile-id-phone').fill('+37200000766')
    await page.locator('#mobile-id-personal-code').fill('60001019906')
  },
}

const SMART_ID: PhoneMethod = {
  id: 'smart-id',
  texts: 'signIn.smartId',
  label: 'Smart-ID',
  async fill(page) {
    await page.locator('#smart-id-personal-code').fill('50001029996')
  },
}

function json(body: unknown) {
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
  }
}

/**
 * Answers a phone method's start, and every poll with `status.current`,
 * which the caller may change between sign-ins; returns a way to stop.
 */
async function fakePhoneSignIn(
  s: A11ySession,
  method: PhoneMethod,
  status: { current: Record<string, string> },
): Promise<() => Promise<void>> {
  const started = { id: SIGN_IN_ID, verificationCode: '4721' }
  const start = s.url(`/api/auth/${method.id}`)
  const poll = `${start}/${SIGN_IN_ID}`
  const answerStart = (route: Route) => route.fulfill(json(started))
  const answerPoll = (route: Route) => route.fulfill(json(status.current))
  await s.page.route(start, answerStart)
  await s.page.route(poll, answerPoll)
  return async () => {
    await s.page.unroute(start, answerStart)
    await s.page.unroute(poll, answerPoll)
  }
}

/** Opens the sign-in page with a method chosen. */
function openWith(s: A11ySession, method: string): Promise<void> {
  return s.open(`/sign-in?method=${method}`)
}

function submit(s: A11ySession, method: PhoneMethod): Promise<void> {
  return s.page
    .getByRole('button', { name: s.text(`${method.texts}.submit`) })
    .click()
}

declare global {
  interface Window {
    /** The error code the stand-in Web eID extension answers with. */
    __a11yWebEidCode?: string
  }
}

/**
 * Plays the Web eID extension in the open page until it navigates:
 * acknowledges each request, then answers with a token (which the test
 * has the portal refuse), with the code in `window.__a11yWebEidCode`, or
 * never.
 */
async function fakeWebEid(
  page: Page,
  reply: 'token' | 'code' | 'silent',
): Promise<void> {
  await page.evaluate((mode) => {
    window.addEventListener('message', (event) => {
      const data = event.data as { action?: string } | null
      if (event.source !== window || data?.action !== 'web-eid:authenticate') {
        return
      }
      const send = (message: object) =>
        window.postMessage(message, window.location.origin)
      send({ action: 'web-eid:authenticate-ack' })
      if (mode === 'token') {
        send({
          action: 'web-eid:authenticate-success',
          unverifiedCertificate: 'MIIB',
          algorithm: 'ES384',
          signature: 'c2lnbmF0dXJl',
          format: 'web-eid:1.0',
        })
      } else if (mode === 'code') {
        const code = window.__a11yWebEidCode
        send({ action: 'web-eid:authenticate-failure', error: { code } })
      }
    })
  }, reply)
}

function phoneMethodStates(
  session: () => A11ySession,
  method: PhoneMethod,
): void {
  it(`the ${method.label} form is accessible with its error summary`, async () => {
    const s = session()
    await openWith(s, method.id)
    await submit(s, method)
    await s.page
      .getByRole('heading', { name: s.text('form.summaryTitle') })
      .waitFor()
    await s.expectAccessible({
      path: `/sign-in?method=${method.id}`,
      name: 'sign-in',
      state: `${method.label} error summary`,
    })
  })

  it(`the sign-in page is accessible while ${method.label} shows the verification code`, async () => {
    const s = session()
    const stop = await fakePhoneSignIn(s, method, {
      current: { state: 'RUNNING' },
    })
    try {
      await openWith(s, method.id)
      await method.fill(s.page)
      await submit(s, method)
      await s.page.locator('[data-verification-code]').waitFor()
      await s.page
        .getByRole('heading', { name: s.text(`${method.texts}.waitingTitle`) })
        .waitFor()
      await s.expectAccessible({
        path: `/sign-in?method=${method.id}`,
        name: 'sign-in',
        state: `${method.label} verification code`,
      })
    } finally {
      await stop()
    }
  })

  it(`the sign-in page is accessible with each ${method.label} result it explains`, async () => {
    const s = session()
    const status = { current: { state: 'COMPLETE', result: '' } }
    const stop = await fakePhoneSignIn(s, method, status)
    try {
      await openWith(s, method.id)
      await method.fill(s.page)
      for (const result of shellTextKeys(`${method.texts}.results`)) {
        status.current = { state: 'COMPLETE', result }
        await submit(s, method)
        await s.page
          .locator('.error-summary')
          .getByText(s.text(`${method.texts}.results.${result}`))
          .waitFor()
        await s.expectAccessible({
          path: `/sign-in?method=${method.id}`,
          name: 'sign-in',
          state: `${method.label} result ${result}`,
        })
        await s.page
          .getByRole('button', { name: s.text(`${method.texts}.tryAgain`) })
          .click()
      }
    } finally {
      await stop()
    }
  })
}

function idCardStates(session: () => A11ySession): void {
  const page = { path: '/sign-in?method=id-card', name: 'sign-in' }
  const start = (s: A11ySession) =>
    s.page.locator('#main .id-card button').click()

  it('the sign-in page is accessible while it waits for the ID-card', async () => {
    const s = session()
    await openWith(s, 'id-card')
    await fakeWebEid(s.page, 'silent')
    await start(s)
    await s.page.getByText(s.text('signIn.idCard.working')).first().waitFor()
    await s.expectAccessible({ ...page, state: 'ID-card waiting' })
  })

  it('the sign-in page is accessible with each Web eID refusal', async () => {
    const s = session()
    await openWith(s, 'id-card')
    await fakeWebEid(s.page, 'code')
    for (const key of shellTextKeys('signIn.idCard.extension')) {
      const code = key === 'UNKNOWN' ? 'ERR_WEBEID_UNKNOWN_ERROR' : key
      await s.page.evaluate((c) => {
        window.__a11yWebEidCode = c
      }, code)
      await start(s)
      await s.page
        .locator('.error-summary')
        .getByText(s.text(`signIn.idCard.extension.${key}`))
        .waitFor()
      await s.expectAccessible({ ...page, state: `ID-card refusal ${key}` })
    }
  })

  it('the sign-in page is accessible with each refusal of an ID-card by the portal', async () => {
    const s = session()
    let code = ''
    const url = s.url('/api/auth/web-eid')
    const refuse = (route: Route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ error: { code, message: 'Refused.' } }),
      })
    await s.page.route(url, refuse)
    try {
      await openWith(s, 'id-card')
      await fakeWebEid(s.page, 'token')
      for (const refusal of ID_CARD_REFUSALS) {
        code = refusal
        await start(s)
        await s.page
          .locator('.error-summary')
          .getByText(s.text(`errors.codes.${refusal}`))
          .waitFor()
        await s.expectAccessible({ ...page, state: `ID-card ${refusal}` })
      }
    } finally {
      await s.page.unroute(url, refuse)
    }
  })
}

/** Registers the sign-in page's state checks; call before signing in. */
export function signInStates(session: () => A11ySession): void {
  const SIGN_IN = { path: '/sign-in', name: 'sign-in' }

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

  it('the sign-in page is accessible once an identity fills in Mobile-ID', async () => {
    const s = session()
    await openWith(s, 'smart-id')
    await s.page.locator('#main .identity').first().click()
    await s.page.locator('#mobile-id-phone:focus').waitFor()
    await s.expectAccessible({ ...SIGN_IN, state: 'identity filled in' })
  })

  phoneMethodStates(session, MOBILE_ID)
  phoneMethodStates(session, SMART_ID)
  idCardStates(session)
}
