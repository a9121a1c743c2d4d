import { LANGUAGES } from '../../common/catalog/manifest.ts'
import { kB } from './fileSize.ts'
import { firstRoute, type FirstRoute } from './firstRoute.ts'
import { moduleChunks, type ModuleChunk } from './moduleChunks.ts'

/**
 * The most the portal may weigh, gzipped (1 kB = 1000 bytes): a phone on a
 * slow connection must show the first page quickly, and opening a service
 * module must stay cheap however many modules the catalog grows to.
 */
export const BUDGET = {
  firstRouteJs: 100_000,
  firstRouteCss: 25_000,
  moduleChunk: 30_000,
} as const

/** The measurements the budget is checked against. */
export interface BundleReport {
  /** The first route in each portal language. */
  firstRoutes: FirstRoute[]
  moduleChunks: ModuleChunk[]
}

/** Measures a build: the first route per language and the module chunks. */
export function measureBundle(distDir: string): BundleReport {
  return {
    firstRoutes: LANGUAGES.map((language) => firstRoute(distDir, language)),
    moduleChunks: moduleChunks(distDir),
  }
}

/** Each way the build exceeds its budget, as a sentence; none when it fits. */
export function budgetProblems(report: BundleReport): string[] {
  const problems: string[] = []
  for (const route of report.firstRoutes) {
    const which = `The first route (shell texts in ${route.language})`
    if (route.jsGzipBytes > BUDGET.firstRouteJs) {
      problems.push(
        `${which} needs ${kB(route.jsGzipBytes)} of JavaScript; ` +
          `the budget is ${kB(BUDGET.firstRouteJs)}.`,
      )
    }
    if (route.cssGzipBytes > BUDGET.firstRouteCss) {
      problems.push(
        `${which} needs ${kB(route.cssGzipBytes)} of CSS; ` +
          `the budget is ${kB(BUDGET.firstRouteCss)}.`,
      )
    }
  }
  for (const chunk of report.moduleChunks) {
    if (chunk.gzipBytes > BUDGET.moduleChunk) {
      problems.push(
        `Service module ${chunk.moduleId}: chunk ${chunk.file} is ` +
          `${kB(chunk.gzipBytes)}; the budget is ${kB(BUDGET.moduleChunk)}.`,
      )
    }
  }
  return problems
}
