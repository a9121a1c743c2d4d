import type { Language, ServiceManifest } from '@common/catalog/manifest'
import { validateManifest } from '@common/catalog/validateManifest'

/** What a module's `locales/<lang>.json` holds. */
export interface ModuleLocale {
  messages: Record<string, unknown>
  errors: Record<string, string>
}

/** Loads one lazy file; the result is the module's export. */
export type Loader<T = unknown> = () => Promise<T>

/** The files the build discovered, keyed by their path from the root. */
export interface CatalogSources {
  /** `/services-catalog/<id>/manifest.ts` → its default export. */
  manifests: Record<string, unknown>
  /** `/services-catalog/<id>/pages/<Page>.vue` → lazy loader. */
  pages: Record<string, Loader>
  /** `/services-catalog/<id>/locales/<lang>.json` → lazy loader. */
  locales: Record<string, Loader>
}

/** One discovered service module. */
export interface CatalogModule {
  manifest: ServiceManifest
  /** Lazy loader for a file in the module's `pages/` folder, if it exists. */
  page(file: string): Loader | undefined
  /** Loads the module's texts in one language, if it has them. */
  locale(language: Language): Promise<ModuleLocale | undefined>
}

/** Every service module the shell knows, in folder order. */
export interface Catalog {
  modules: CatalogModule[]
  find(id: string): CatalogModule | undefined
}

const FOLDER = /^\/services-catalog\/([^/]+)\//

function folderOf(path: string): string | undefined {
  return FOLDER.exec(path)?.[1]
}

function asLocale(value: unknown): ModuleLocale {
  const file = (value ?? {}) as Partial<ModuleLocale>
  return { messages: file.messages ?? {}, errors: file.errors ?? {} }
}

function checkManifest(manifest: unknown, folder: string): void {
  const problems = validateManifest(manifest, folder)
  if (problems.length === 0) return
  const list = problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')
  throw new Error(
    `[catalog] services-catalog/${folder}/manifest.ts is not valid:\n${list}`,
  )
}

/**
 * Builds the catalog from the files the build discovered. Adding a module is
 * adding a folder: the shell never names a module itself. In development a
 * wrong manifest stops the app with every problem listed; the production
 * build relies on the same check having passed in CI and on the server.
 */
export function createCatalog(sources: CatalogSources): Catalog {
  const modules: CatalogModule[] = []

  for (const [path, manifest] of Object.entries(sources.manifests)) {
    const folder = folderOf(path)
    if (!folder) continue
    if (import.meta.env.DEV) checkManifest(manifest, folder)

    const base = `/services-catalog/${folder}`
    modules.push({
      manifest: manifest as ServiceManifest,
      page: (file) => sources.pages[`${base}/pages/${file}`],
      async locale(language) {
        const load = sources.locales[`${base}/locales/${language}.json`]
        return load ? asLocale(await load()) : undefined
      },
    })
  }

  modules.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id))
  const byId = new Map(modules.map((m) => [m.manifest.id, m]))
  return { modules, find: (id) => byId.get(id) }
}
