import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { announcements, recordAnnouncements } from '../support/announcements.ts'
import { browserSuite } from '../support/browserSuite.ts'
import { focused, tabTo } from '../support/keyboard.ts'
import {
  chooseSignInMethod,
  expectNoAxeViolations,
  isSummaryFocused,
  openSignInFromModule,
  recordVerificationCodes,
  verificationCodes,
} from '../support/signInPage.ts'

/**
 * Mobile-ID sign-in in Chromium against the real portal and the sandbox
 * Mobile-ID service, by keyboard alone: the only navigation the test makes
 * itself is opening a module page that needs sign-in.
 */

const MARY = {
  phoneNumber: '+37200000766',
  personalCode: '60001019906',
  name: 'MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER',
}
const CANCELLING = { phoneNumber: '+37201100266', personalCode: '60001019950' }

/** Ample for the sandbox's confirmation and a poll or two after it. */
const SIGN_IN_MS = 10_000

/** Picks Mobile-ID, tabs to its fields and types the number and the code. */
async function fillMobileId(
  page: Page,
  person: { phoneNumber: string; personalCode: string },
): Promise<void> {
  await chooseSignInMethod(page, 'mobile-id')
  // Past the error summary's links, when the form shows one.
  await tabTo(page, (element) => element.id === 'mobile-id-phone')
  await page.keyboard.type(person.phoneNumber)
  await page.keyboard.press('Tab')
  expect((await focused(page)).id).toBe('mobile-id-personal-code')
  await page.keyboard.type(person.personalCode)
}

describe('Mobile-ID sign-in by keyboard', () => {
  const suite = browserSuite({
    env: { SANDBOX_MOBILE_ID_DELAY_MS: '300' },
    async preparePage(page) {
      await recordAnnouncements(page)
      await recordVerificationCodes(page)
    },
  })

  it('signs a citizen in and takes her back to the module that asked', async () => {
    await openSignInFromModule(suite.page)
    await fillMobileId(suite.page, MARY)

    const started = suite.page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/auth/mobile-id') &&
        response.request().method() === 'POST',
    )
    await suite.page.keyboard.press('Enter')
    const response = await started
    expect(response.status()).toBe(200)
    const { verificationCode } = (await response.json()) as {
      verificationCode: string
    }
    expect(verificationCode).toMatch(/^\d{4}$/)
    await expect
      .poll(() => verificationCodes(suite.page))
      .toEqual([verificationCode])

    // The phone confirms after the sandbox's delay, seen at the next poll.
    await expect
      .poll(() => new URL(suite.page.url()).pathname, { timeout: SIGN_IN_MS })
      .toBe('/services/personal-data')
    const main = suite.page.locator('main')
    await main.getByText(MARY.personalCode).first().waitFor()
    expect(await main.innerText()).toContain(MARY.name)
    await expect
      .poll(() => announcements(suite.page), { timeout: SIGN_IN_MS })
      .toContain(`You are signed in as ${MARY.name}.`)
  })

  it('explains a sign-in cancelled on the phone, with focus on the explanation', async () => {
    await openSignInFromModule(suite.page)
    await fillMobileId(suite.page, CANCELLING)
    await suite.page.keyboard.press('Enter')

    const summary = suite.page.locator('.error-summary')
    await summary.waitFor()
    expect(await summary.innerText()).toContain(
      'You cancelled the sign-in on your phone.',
    )
    await expect.poll(() => isSummaryFocused(suite.page)).toBe(true)
    expect(new URL(suite.page.url()).pathname).toBe('/sign-in')
  })

  it('finds no accessibility violation in the form, the code or a refusal', async () => {
    await openSignInFromModule(suite.page)
    await expectNoAxeViolations(suite.page, 'the form')

    await suite.page.keyboard.press('Tab')
    await tabTo(suite.page, (element) => element.text === 'Continue')
    await suite.page.keyboard.press('Enter')
    await expect.poll(() => isSummaryFocused(suite.page)).toBe(true)
    await expectNoAxeViolations(suite.page, 'the form with errors')

    // Hold the polls, so the verification code stays on screen.
    await suite.page.route('**/api/auth/mobile-id/*', () => undefined)
    await fillMobileId(suite.page, MARY)
    await suite.page.keyboard.press('Enter')
    await suite.page.locator('[data-verification-code]').waitFor()
    await expect
      .poll(() => focused(suite.page))
      .toMatchObject({ tag: 'H3', text: 'Confirm on your phone' })
    await expectNoAxeViolations(suite.page, 'the verification code')
    await suite.page.unroute('**/api/auth/mobile-id/*')

    await suite.page.goto('/sign-in')
    await fillMobileId(suite.page, CANCELLING)
    await suite.page.keyboard.press('Enter')
    await suite.page.locator('.error-summary').waitFor()
    await expectNoAxeViolations(suite.page, 'a refusal')
  })
})
