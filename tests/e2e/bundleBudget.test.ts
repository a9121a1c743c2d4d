import { describe, expect, inject, it } from 'vitest'
import {
  BUDGET,
  budgetProblems,
  measureBundle,
} from '../../scripts/bundle/budget.ts'
import { readBuildManifest } from '../../scripts/bundle/buildManifest.ts'
import { kB } from '../../scripts/bundle/fileSize.ts'
import {
  ENTRY_KEY,
  firstRoute,
  shellLocaleKey,
} from '../../scripts/bundle/firstRoute.ts'
import { allAssets } from '../../scripts/bundle/moduleChunks.ts'
import { sizeTable } from '../../scripts/bundle/sizeTable.ts'

/**
 * What a citizen downloads, measured on the production build the browser
 * tests use: the first route and each service module must stay within
 * the budget in scripts/bundle/budget.ts.
 */
describe('bundle budget', () => {
  const distDir = inject('distDir')

  it('keeps the first route and every service module chunk within budget', () => {
    const report = measureBundle(distDir)
    const lines = [
      'Every chunk, gzipped:',
      sizeTable(allAssets(distDir)),
      ...report.firstRoutes.map(
        (route) =>
          `First route (${route.language}): JS ${kB(route.jsGzipBytes)} of ` +
          `${kB(BUDGET.firstRouteJs)}, CSS ${kB(route.cssGzipBytes)} of ` +
          `${kB(BUDGET.firstRouteCss)}`,
      ),
    ]
    process.stdout.write(`${lines.join('\n')}\n`)

    expect(budgetProblems(report)).toEqual([])
  })

  it('counts the entry, the shell texts and the start-up stylesheet, not later pages', () => {
    const manifest = readBuildManifest(distDir)
    const route = firstRoute(distDir, 'en')
    const files = route.js.map((f) => f.file)

    expect(files).toContain(manifest[ENTRY_KEY]?.file)
    expect(files).toContain(manifest[shellLocaleKey('en')]?.file)
    expect(files).not.toContain(manifest[shellLocaleKey('et')]?.file)
    expect(files).not.toContain(manifest['src/pages/SignInPage.vue']?.file)
    expect(route.css.map((f) => f.file)).toEqual(manifest[ENTRY_KEY]?.css)
    expect(route.jsGzipBytes).toBeGreaterThan(0)
  })

  it('finds the page and text chunks of both service modules', () => {
    const { moduleChunks } = measureBundle(distDir)
    expect(moduleChunks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'service-documents',
        'service-documents-en',
        'service-personal-data',
        'service-personal-data-et',
      ]),
    )
  })
})
