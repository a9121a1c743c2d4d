import type AxeBuilder from '@axe-core/playwright'
import { variantLabel, type Variant } from './a11yVariants.ts'

/** WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA. */
export const WCAG_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
]

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
/** One axe rule that failed, with every element it failed on. */
export type Violation = AxeResults['violations'][number]

/** What is checked: a page, in one state, as one variant shows it. */
export interface PageCheck {
  /** The address opened, e.g. `/services/documents`. */
  path: string
  /** The route's name, e.g. `home` or `documents: My documents`. */
  name: string
  /** What the page shows: `page` when nothing special is going on. */
  state: string
  variant: Variant
}

/** What checking one page found. */
export interface Audit {
  check: PageCheck
  url: string
  title: string
  axeVersion: string
  violations: Violation[]
  /** Rules axe could not decide alone (reports only; else empty). */
  needsReview: Violation[]
  /** Problems found besides axe's: language, title, theme, CSP. */
  pageProblems: string[]
}

/** "/settings (settings), error summary, en, 360 px, dark theme" */
export function checkLabel(check: PageCheck): string {
  const state = check.state === 'page' ? '' : `, ${check.state}`
  return `${check.path} (${check.name})${state}, ${variantLabel(check.variant)}`
}

/** The elements a violation names, as CSS selectors. */
export function targetsOf(violation: Violation): string[] {
  return violation.nodes.map((node) =>
    node.target
      .map((part) => (Array.isArray(part) ? part.join(' >>> ') : part))
      .join(' → '),
  )
}
