import { describe, expect, it } from 'vitest'
import { BUDGET, budgetProblems, type BundleReport } from './budget.ts'
import type { FirstRoute } from './firstRoute.ts'

function route(language: string, js: number, css: number): FirstRoute {
  return { language, js: [], css: [], jsGzipBytes: js, cssGzipBytes: css }
}

function report(overrides: Partial<BundleReport> = {}): BundleReport {
  return {
    firstRoutes: [route('et', 90_000, 4_000), route('en', 89_000, 4_000)],
    moduleChunks: [
      {
        moduleId: 'documents',
        name: 'service-documents',
        file: 'assets/service-documents.js',
        bytes: 2_000,
        gzipBytes: 1_000,
      },
    ],
    ...overrides,
  }
}

describe('budgetProblems', () => {
  it('finds nothing wrong with a build within budget', () => {
    expect(budgetProblems(report())).toEqual([])
  })

  it('accepts a first route of exactly the budget', () => {
    const exact = route('et', BUDGET.firstRouteJs, BUDGET.firstRouteCss)
    expect(budgetProblems(report({ firstRoutes: [exact] }))).toEqual([])
  })

  it('names the language whose first route needs too much JavaScript', () => {
    const problems = budgetProblems(
      report({ firstRoutes: [route('ru', BUDGET.firstRouteJs + 1, 4_000)] }),
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/first route \(shell texts in ru\).*JavaScript/)
  })

  it('names a first route that needs too much CSS', () => {
    const problems = budgetProblems(
      report({ firstRoutes: [route('et', 1_000, BUDGET.firstRouteCss + 1)] }),
    )
    expect(problems).toEqual([expect.stringMatching(/CSS; the budget is 25/)])
  })

  it('names a service module whose chunk is over budget', () => {
    const [chunk] = report().moduleChunks
    const heavy = { ...chunk!, gzipBytes: BUDGET.moduleChunk + 1 }
    expect(budgetProblems(report({ moduleChunks: [heavy] }))).toEqual([
      expect.stringContaining(
        'Service module documents: chunk assets/service-documents.js',
      ),
    ])
  })
})
