import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { announcements, recordAnnouncements } from '../support/announcements.ts'
import { browserSuite } from '../support/browserSuite.ts'
import { focused } from '../support/keyboard.ts'
import {
  chooseSignInMethod,
  expectNoAxeViolations,
  isSummaryFocused,
  openSignInFromModule,
  recordVerificationCodes,
  verificationCodes,
} from '../support/signInPage.ts'

/**
 * Smart-ID sign-in in Chromium against the real portal and the sandbox
 * Smart-ID service, by keyboard alone, with the public demo accounts.
 */

const MART = { personalCode: '50001029996', name: 'MÄRT TESTNUMBER' }
const REFUSING = '30403039917'

/** Ample for the sandbox's confirmation and a poll or two after it. */
const SIGN_IN_MS = 10_000

/** Picks Smart-ID, tabs to its personal code, types it and sends it. */
async function signInWithSmartId(page: Page, personalCode: string) {
  await chooseSignInMethod(page, 'smart-id')
  await page.keyboard.press('Tab')
  expect((await focused(page)).id).toBe('smart-id-personal-code')
  await page.keyboard.type(personalCode)
  await page.keyboard.press('Enter')
}

describe('Smart-ID sign-in by keyboard', () => {
  const suite = browserSuite({
    env: { SANDBOX_SMART_ID_DELAY_MS: '300' },
    async preparePage(page) {
      await recordAnnouncements(page)
      await recordVerificationCodes(page)
    },
  })

  it('signs a citizen in with the demo account and takes him back', async () => {
    await openSignInFromModule(suite.page)
    const started = suite.page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/auth/smart-id') &&
        response.request().method() === 'POST',
    )
    await signInWithSmartId(suite.page, MART.personalCode)
    const response = await started
    expect(response.status()).toBe(200)
    const { verificationCode } = (await response.json()) as {
      verificationCode: string
    }
    await expect
      .poll(() => verificationCodes(suite.page))
      .toEqual([verificationCode])

    await expect
      .poll(() => new URL(suite.page.url()).pathname, { timeout: SIGN_IN_MS })
      .toBe('/services/personal-data')
    const main = suite.page.locator('main')
    await main.getByText(MART.personalCode).first().waitFor()
    await expect
      .poll(() => announcements(suite.page), { timeout: SIGN_IN_MS })
      .toContain(`You are signed in as ${MART.name}.`)
  })

  it('explains a refusal in the app, with focus on the explanation', async () => {
    await openSignInFromModule(suite.page)
    await signInWithSmartId(suite.page, REFUSING)

    const summary = suite.page.locator('.error-summary')
    await summary.waitFor()
    expect(await summary.innerText()).toContain(
      'You refused the sign-in in the Smart-ID app.',
    )
    await expect.poll(() => isSummaryFocused(suite.page)).toBe(true)
    expect(new URL(suite.page.url()).pathname).toBe('/sign-in')
  })

  it('finds no accessibility violation while the code is shown', async () => {
    await openSignInFromModule(suite.page)
    // Hold the polls, so the verification code stays on screen.
    await suite.page.route('**/api/auth/smart-id/*', () => undefined)
    await signInWithSmartId(suite.page, MART.personalCode)
    await suite.page.locator('[data-verification-code]').waitFor()
    await expect
      .poll(() => focused(suite.page))
      .toMatchObject({ tag: 'H3', text: 'Confirm in the Smart-ID app' })
    await expectNoAxeViolations(suite.page, 'the Smart-ID verification code')
    await suite.page.unroute('**/api/auth/smart-id/*')
  })
})
