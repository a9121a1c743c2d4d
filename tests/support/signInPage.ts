import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { WCAG_TAGS } from './a11yCheck.ts'
import { focused, tabTo } from './keyboard.ts'

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

/** The sign-in page's methods, as its `?method=` names them. */
export type SignInMethod = 'mobile-id' | 'smart-id' | 'id-card'

const METHOD_ORDER: SignInMethod[] = ['mobile-id', 'smart-id', 'id-card']

/**
 * Picks a sign-in method by keyboard as the WAI-ARIA radio group pattern
 * has it: Tab (or Shift+Tab) into the method choice (one tab stop, on the
 * chosen method),
 * then arrow keys, which move and choose at once. Waits for the method's
 * form; focus stays on its radio button.
 */
export async function chooseSignInMethod(
  page: Page,
  method: SignInMethod,
): Promise<void> {
  // Shift+Tab when focus is past the choice, on an error summary, say.
  const backwards = await page.evaluate(() => {
    const choice = document.querySelector('[name="sign-in-method"]')
    const at = document.activeElement
    return Boolean(
      choice &&
      at &&
      at !== document.body &&
      at.compareDocumentPosition(choice) & Node.DOCUMENT_POSITION_PRECEDING,
    )
  })
  const entered = await tabTo(page, (e) => e.id.startsWith('sign-in-method-'), {
    backwards,
  })
  const from = METHOD_ORDER.indexOf(
    entered.id.replace('sign-in-method-', '') as SignInMethod,
  )
  const steps = METHOD_ORDER.indexOf(method) - from
  for (let i = 0; i < Math.abs(steps); i++) {
    await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp')
  }
  expect((await focused(page)).id).toBe(`sign-in-method-${method}`)
  expect(await page.locator(`#sign-in-method-${method}`).isChecked()).toBe(true)
  await page.locator(`#${method}-heading`).waitFor()
  if (method !== 'mobile-id' || steps !== 0) {
    await expect
      .poll(() => new URL(page.url()).searchParams.get('method'))
      .toBe(method)
  }
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
