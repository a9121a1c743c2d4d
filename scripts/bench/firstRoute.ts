import { LANGUAGES } from '../../common/catalog/manifest.ts'
import { BUDGET } from '../bundle/budget.ts'
import { kB } from '../bundle/fileSize.ts'
import {
  firstRoute,
  SHELL_START_LANGUAGE,
  shellTexts,
} from '../bundle/firstRoute.ts'
import { moduleChunks } from '../bundle/moduleChunks.ts'
import { sizeTable } from '../bundle/sizeTable.ts'
import type { BenchSection } from './context.ts'

/** The first route's gzipped JavaScript and CSS, in each language. */
export const firstRouteSection: BenchSection = {
  id: 'first-route',
  title: 'First route (gzipped)',
  async run({ distDir, print }) {
    for (const language of LANGUAGES) {
      const route = firstRoute(distDir, language)
      print(
        `${language}: JS ${kB(route.jsGzipBytes)} ` +
          `(budget ${kB(BUDGET.firstRouteJs)}), ` +
          `CSS ${kB(route.cssGzipBytes)} (budget ${kB(BUDGET.firstRouteCss)})`,
      )
    }
    const route = firstRoute(distDir, SHELL_START_LANGUAGE)
    print(`Files (${SHELL_START_LANGUAGE}):`)
    print(sizeTable([...route.js, ...route.css]))

    // index.html hints every language's texts (see preloadShellTexts).
    const otherTexts = LANGUAGES.filter((l) => l !== SHELL_START_LANGUAGE)
      .map((l) => shellTexts(distDir, l).gzipBytes)
      .reduce((sum, bytes) => sum + bytes, 0)
    print(
      `With the other languages' preloaded texts: JS ` +
        `${kB(route.jsGzipBytes + otherTexts)}`,
    )
    print(`Service module chunks (budget ${kB(BUDGET.moduleChunk)} each):`)
    print(sizeTable(moduleChunks(distDir)))
  },
}
