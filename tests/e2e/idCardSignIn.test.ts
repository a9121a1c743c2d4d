import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { AuthToken } from '../../server/eid/webEid/authToken.ts'
import { TestIdCard } from '../../sandbox/idCard/testIdCard.ts'
import { WCAG_TAGS } from '../support/a11yCheck.ts'
import { announcements, recordAnnouncements } from '../support/announcements.ts'
import { browserSuite } from '../support/browserSuite.ts'
import { tabTo } from '../support/keyboard.ts'
import { chooseSignInMethod } from '../support/signInPage.ts'

/**
 * ID-card sign-in in Chromium against the real portal, the sandbox CA and
 * its OCSP responder. A stand-in for the Web eID extension's content
 * script answers the page's `web-eid:authenticate` message with a token
 * that a sandbox test ID-card signs in the test process.
 */

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
}
const NAME = `${MARY.givenName} ${MARY.familyName}`

declare global {
  interface Window {
    /** The test's ID-card, signing the nonce for the page's origin. */
    __signWithTestIdCard?: (nonce: string, origin: string) => Promise<AuthToken>
  }
}

/** Plays the Web eID extension: acknowledge, then answer with a token. */
async function installExtension(
  page: Page,
  card: () => TestIdCard,
): Promise<void> {
  await page.exposeFunction(
    '__signWithTestIdCard',
    (nonce: string, origin: string) => card().authenticate(nonce, origin),
  )
  await page.addInitScript(() => {
    window.addEventListener('message', (event) => {
      const data = event.data as { action?: string; challengeNonce?: string }
      if (event.source !== window || data.action !== 'web-eid:authenticate') {
        return
      }
      const reply = (message: object) =>
        window.postMessage(message, window.location.origin)
      reply({ action: 'web-eid:authenticate-ack' })
      void window
        .__signWithTestIdCard?.(
          data.challengeNonce ?? '',
          window.location.origin,
        )
        .then((token) =>
          reply({ action: 'web-eid:authenticate-success', ...token }),
        )
    })
  })
}

async function openSignInFromModule(page: Page): Promise<void> {
  await page.goto('/services/personal-data')
  await expect
    .poll(() => new URL(page.url()).pathname + new URL(page.url()).search)
    .toBe('/sign-in?redirect=/services/personal-data')
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
}

/** Picks ID-card by keyboard and presses its button. */
async function pressIdCardButton(page: Page): Promise<void> {
  await chooseSignInMethod(page, 'id-card')
  await tabTo(page, (element) => element.text.includes('with ID-card'))
  await page.keyboard.press('Enter')
}

describe('ID-card sign-in by keyboard', () => {
  let card: TestIdCard | undefined
  const suite = browserSuite({
    async preparePage(page) {
      await recordAnnouncements(page)
      await installExtension(page, () => {
        if (!card) throw new Error('the test has no ID-card')
        return card
      })
    },
  })
  const ca = () => {
    const authority = suite.portal.sandbox?.identity.ca
    if (!authority) throw new Error('the sandbox did not start')
    return authority
  }

  it('signs a citizen in with her ID-card and takes her back to the module', async () => {
    card = await TestIdCard.issue(ca(), MARY)
    await openSignInFromModule(suite.page)
    const answered = suite.page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/auth/web-eid') &&
        response.request().method() === 'POST',
    )
    await pressIdCardButton(suite.page)
    expect((await answered).status()).toBe(200)

    await expect
      .poll(() => new URL(suite.page.url()).pathname)
      .toBe('/services/personal-data')
    const main = suite.page.locator('main')
    await main.getByText(MARY.personalCode).first().waitFor()
    await expect
      .poll(() => announcements(suite.page))
      .toContain(`You are signed in as ${NAME}.`)
  })

  it('explains a revoked card and passes an accessibility check', async () => {
    card = await TestIdCard.issue(ca(), MARY)
    await ca().revoke(card.serial)
    await openSignInFromModule(suite.page)
    await pressIdCardButton(suite.page)

    const summary = suite.page.locator('.error-summary')
    await summary.waitFor()
    expect(await summary.innerText()).toContain(
      'Your certificate has been revoked.',
    )
    expect(new URL(suite.page.url()).pathname).toBe('/sign-in')
    const results = await new AxeBuilder({ page: suite.page })
      .withTags(WCAG_TAGS)
      .analyze()
    expect(results.violations.map((v) => v.id)).toEqual([])
  })
})
