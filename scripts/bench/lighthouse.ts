import lighthouse from 'lighthouse'
import type { BenchSection } from './context.ts'
import { launchDebugChromium } from './debugChromium.ts'

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
type Category = (typeof CATEGORIES)[number]

/** The scores the portal aims for, out of 100. */
export const LIGHTHOUSE_TARGETS: Record<Category, number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 100,
}

function milliseconds(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${Math.round(value)} ms`
}

/**
 * Lighthouse with its default (mobile) settings against the home page of
 * a running portal: the category scores, Largest Contentful Paint and
 * Total Blocking Time, and the audits that cost points.
 */
export const lighthouseSection: BenchSection = {
  title: 'Lighthouse (mobile, home page)',
  async run({ portal, print }) {
    const { origin } = await portal()
    const chromium = await launchDebugChromium()
    try {
      const result = await lighthouse(`${origin}/`, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      })
      if (!result) throw new Error('[bench] Lighthouse returned no result.')
      const { lhr } = result

      for (const category of CATEGORIES) {
        const score = Math.round((lhr.categories[category]?.score ?? 0) * 100)
        const target = LIGHTHOUSE_TARGETS[category]
        const mark = score >= target ? 'meets' : 'BELOW'
        print(`${category}: ${score} (target ${target}, ${mark})`)
      }
      const lcp = lhr.audits['largest-contentful-paint']?.numericValue
      const tbt = lhr.audits['total-blocking-time']?.numericValue
      print(`LCP: ${milliseconds(lcp)}`)
      print(`TBT: ${milliseconds(tbt)}`)

      const failing = Object.values(lhr.audits).filter(
        (audit) =>
          audit.score !== null &&
          audit.score < 1 &&
          audit.scoreDisplayMode !== 'informative' &&
          audit.scoreDisplayMode !== 'manual',
      )
      if (failing.length > 0) {
        print('Audits that cost points:')
        for (const audit of failing) {
          const detail = audit.displayValue ? ` (${audit.displayValue})` : ''
          print(`  ${audit.id}: ${audit.title}${detail}`)
        }
      }
      if (lhr.runWarnings.length > 0) {
        print(`Lighthouse warnings: ${lhr.runWarnings.join(' | ')}`)
      }
    } finally {
      await chromium.close()
    }
  },
}
