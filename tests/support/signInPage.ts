import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { WCAG_TAGS } from './a11yCheck.ts'

declare global {
  interface Window {
    /** Every verification code the page showed, in order. */
    __verificationCodes?: string[]
  }
}

/**
 * Records each verification code as it appears: with a short sandbox delay
 * the code may be on screen for only a fraction of a second.
 */
export async function recordVerificationCodes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: string[] = []
    window.__verificationCodes = shown
    new MutationObserver(() => {
      const code = document.querySelector('[data-verification-code]')
      const text = code?.textContent?.trim() ?? ''
      if (text !== '' && shown.at(-1) !== text) shown.push(text)
    }).observe(document, { subtree: true, childList: true })
  })
}

/** The verification codes the page has shown so far. */
export function verificationCodes(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__verificationCodes ?? [])
}

/** Opens a module that needs sign-in and lands on the sign-in page. */
export async function openSignInFromModule(page: Page): Promise<void> {
  await page.goto('/services/personal-data')
  await expect
    .poll(() => new URL(page.url()).pathname + new URL(page.url()).search)
    .toBe('/sign-in?redirect=/services/personal-data')
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
}

/** Checks the page with axe against the WCAG tags the portal promises. */
export async function expectNoAxeViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const found = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
  expect(found, `axe violations in ${state}`).toEqual([])
}

/** Whether the error summary has focus. */
export function isSummaryFocused(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.activeElement?.classList.contains('error-summary') ?? false,
  )
}
