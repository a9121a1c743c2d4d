import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import {
  WCAG_TAGS,
  checkLabel,
  targetsOf,
  type Audit,
  type PageCheck,
} from './a11yCheck.ts'
import type { CspWatch } from './a11yCsp.ts'
import { reportDir } from './a11yEnv.ts'
import { writePageReport } from './a11yReport.ts'
import type { Variant } from './a11yVariants.ts'

interface PageFacts {
  lang: string
  title: string
  heading: string | null
  theme: string | undefined
}

function readFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    heading: document.querySelector('#main h1')?.textContent?.trim() ?? null,
    theme: document.documentElement.dataset.theme,
  }))
}

function factProblems(facts: PageFacts, variant: Variant): string[] {
  const problems: string[] = []
  if (facts.lang !== variant.language) {
    problems.push(`<html lang> is "${facts.lang}", not "${variant.language}"`)
  }
  if (facts.title.trim() === '') problems.push('the document title is empty')
  if (facts.heading === null) {
    problems.push('the page has no <h1> in <main>')
  } else if (!facts.title.includes(facts.heading)) {
    problems.push(
      `the document title "${facts.title}" does not name the page ` +
        `("${facts.heading}")`,
    )
  }
  if (facts.theme !== variant.theme) {
    problems.push(
      `the ${variant.theme} theme is not applied ` +
        `(data-theme="${facts.theme ?? ''}")`,
    )
  }
  return problems
}

/**
 * Waits for CSS transitions (a theme switch fades colours) to end, so axe
 * measures contrast between the colours that stay, not those in between.
 */
async function transitionsFinished(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
}

/**
 * Runs axe on the page as it is now, with the WCAG A and AA rules, and
 * checks `<html lang>`, the document title, the theme and that no
 * Content-Security-Policy violation occurred. With a report folder set
 * (`npm run a11y`) it also writes the page's HTML report.
 */
export async function auditPage(
  page: Page,
  check: PageCheck,
  csp: CspWatch,
): Promise<Audit> {
  const dir = reportDir()
  await transitionsFinished(page)
  // Legacy mode runs axe in the page itself rather than finishing in a new
  // blank page: the same rules, half the time. It skips cross-origin
  // frames, which the portal does not have.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(WCAG_TAGS)
    // Only what is reported is gathered in full: faster.
    .options({
      resultTypes: dir ? ['violations', 'incomplete'] : ['violations'],
    })
    .analyze()
  const facts = await readFacts(page)
  const refused = await csp.take()

  const audit: Audit = {
    check,
    url: page.url(),
    title: facts.title,
    axeVersion: results.testEngine.version,
    violations: results.violations,
    needsReview: dir ? results.incomplete : [],
    pageProblems: [
      ...factProblems(facts, check.variant),
      ...refused.map((line) => `Content-Security-Policy violation: ${line}`),
    ],
  }

  if (dir) {
    const screenshot = await page.screenshot({
      fullPage: true,
      type: 'jpeg',
      quality: 70,
      animations: 'disabled',
    })
    writePageReport(dir, audit, screenshot)
  }
  return audit
}

/** One line per violation and per other problem, for a failure message. */
export function problemLines(audit: Audit): string[] {
  return [
    ...audit.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n` +
        targetsOf(v)
          .map((target) => `      at ${target}`)
          .join('\n'),
    ),
    ...audit.pageProblems,
  ]
}

/** Fails the test when the page has any violation or other problem. */
export function expectAccessible(audit: Audit): void {
  const lines = problemLines(audit)
  if (lines.length === 0) return
  expect.fail(
    `${lines.length} accessibility problem(s) on ${checkLabel(audit.check)}:\n` +
      lines.map((line) => `  - ${line}`).join('\n'),
  )
}
