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

/**
 * Lighthouse's own advice for its variance: run several times and take
 * the median. `BENCH_LIGHTHOUSE_RUNS` overrides the count.
 */
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)

/** What one Lighthouse run found. */
interface LighthouseFigures {
  scores: Record<Category, number>
  lcpMs: number | undefined
  tbtMs: number | undefined
  /** Audits that cost points, as "id: title (value)". */
  failing: string[]
  warnings: string[]
}

/** One run in a fresh Chromium profile, so nothing is cached. */
async function runLighthouse(url: string): Promise<LighthouseFigures> {
  const chromium = await launchDebugChromium()
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    if (!result) throw new Error('[bench] Lighthouse returned no result.')
    const { audits, categories, runWarnings, runtimeError } = result.lhr
    if (runtimeError) {
      throw new Error(`${runtimeError.code}: ${runtimeError.message}`)
    }

    const score = (c: Category) => Math.round((categories[c]?.score ?? 0) * 100)
    const failing = Object.values(audits)
      .filter(
        (audit) =>
          audit.score !== null &&
          audit.score < 1 &&
          audit.scoreDisplayMode !== 'informative' &&
          audit.scoreDisplayMode !== 'manual',
      )
      .map((audit) => {
        const value = audit.displayValue ? ` (${audit.displayValue})` : ''
        return `${audit.id}: ${audit.title}${value}`
      })
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
      },
      lcpMs: audits['largest-contentful-paint']?.numericValue,
      tbtMs: audits['total-blocking-time']?.numericValue,
      failing,
      warnings: runWarnings,
    }
  } finally {
    await chromium.close()
  }
}

function ms(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${Math.round(value)} ms`
}

function summary(run: LighthouseFigures): string {
  const scores = CATEGORIES.map((c) => `${c} ${run.scores[c]}`).join(', ')
  return `${scores}; LCP ${ms(run.lcpMs)}, TBT ${ms(run.tbtMs)}`
}

/**
 * Lighthouse with its default (mobile) settings against the home page of
 * a running portal: the category scores, Largest Contentful Paint and
 * Total Blocking Time of the median run, and the audits that cost points.
 */
export const lighthouseSection: BenchSection = {
  id: 'lighthouse',
  title: 'Lighthouse (mobile, home page)',
  async run({ portal, print }) {
    const { origin } = await portal()
    const runs: LighthouseFigures[] = []
    for (let i = 1; i <= RUNS; i++) {
      try {
        const run = await runLighthouse(`${origin}/`)
        print(`run ${i}: ${summary(run)}`)
        runs.push(run)
      } catch (error) {
        print(`run ${i}: failed, left out (${String(error)})`)
      }
    }
    const byPerformance = [...runs].sort(
      (a, b) => a.scores.performance - b.scores.performance,
    )
    const median = byPerformance[Math.floor((runs.length - 1) / 2)]
    if (!median) throw new Error('[bench] Every Lighthouse run failed.')

    print(`Median of ${runs.length} runs:`)
    for (const category of CATEGORIES) {
      const score = median.scores[category]
      const target = LIGHTHOUSE_TARGETS[category]
      const verdict = score >= target ? 'meets' : 'BELOW'
      print(`  ${category}: ${score} (target ${target}, ${verdict})`)
    }
    print(`  LCP: ${ms(median.lcpMs)}`)
    print(`  TBT: ${ms(median.tbtMs)}`)
    if (median.failing.length > 0) {
      print('  Audits that cost points:')
      for (const audit of median.failing) print(`    ${audit}`)
    }
    if (median.warnings.length > 0) {
      print(`  Lighthouse warnings: ${median.warnings.join(' | ')}`)
    }
  },
}
