import { readBuildManifest, type BuildManifest } from './buildManifest.ts'
import { fileSize, gzipTotal, type FileSize } from './fileSize.ts'

/** The manifest key of the page's entry: Vite names it after the HTML. */
export const ENTRY_KEY = 'index.html'

/**
 * The language a first visit shows when the browser asks for none of the
 * portal's (DEFAULT_LANGUAGE in src/i18n/language.ts, which scripts cannot
 * import because of its `@/` paths).
 */
export const SHELL_START_LANGUAGE = 'et'

/** The manifest key of the shell's texts in one language. */
export function shellLocaleKey(language: string): string {
  return `src/i18n/locales/${language}.json`
}

/** What the browser must download before the first page can show. */
export interface FirstRoute {
  /** The language whose shell texts are counted, if any. */
  language?: string
  js: FileSize[]
  css: FileSize[]
  jsGzipBytes: number
  cssGzipBytes: number
}

function chunk(manifest: BuildManifest, key: string) {
  const found = manifest[key]
  if (!found) throw new Error(`[bundle] The build has no chunk '${key}'.`)
  return found
}

/** The key and every chunk it imports statically, each once. */
function staticClosure(manifest: BuildManifest, start: string): string[] {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const imported of chunk(manifest, key).imports ?? []) visit(imported)
  }
  visit(start)
  return [...seen]
}

/** The shell's texts in one language, as built. */
export function shellTexts(distDir: string, language: string): FileSize {
  const manifest = readBuildManifest(distDir)
  return fileSize(distDir, chunk(manifest, shellLocaleKey(language)).file)
}

/**
 * Sizes the first route of a build: the entry chunk, everything it imports
 * statically, the shell's texts in `language` (the shell loads them before
 * it mounts), and the stylesheets these chunks bring. Dynamic imports
 * (other pages, service modules, the service worker helper) are left out.
 *
 * @param distDir a build made with `build.manifest: true`
 * @param language the shell language to count; none for a build without
 */
export function firstRoute(distDir: string, language?: string): FirstRoute {
  const manifest = readBuildManifest(distDir)
  const keys = staticClosure(manifest, ENTRY_KEY)
  if (language) keys.push(...staticClosure(manifest, shellLocaleKey(language)))

  const jsFiles = new Set(keys.map((key) => chunk(manifest, key).file))
  const cssFiles = new Set(
    keys.flatMap((key) => chunk(manifest, key).css ?? []),
  )
  const js = [...jsFiles].map((file) => fileSize(distDir, file))
  const css = [...cssFiles].map((file) => fileSize(distDir, file))
  return {
    language,
    js,
    css,
    jsGzipBytes: gzipTotal(js),
    cssGzipBytes: gzipTotal(css),
  }
}
