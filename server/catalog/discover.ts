import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import {
  validateManifest,
  type ManifestProblem,
} from '../../common/catalog/validateManifest.ts'
import type { ModuleOperations } from './operations.ts'
import type { ModuleSandbox } from './sandboxFragment.ts'

/** The catalog folder of this checkout. */
export const CATALOG_DIR = resolve(
  new URL('../../services-catalog', import.meta.url).pathname,
)

/** A module as the server sees it: manifest plus what its folder carries. */
export interface CatalogModule {
  manifest: ServiceManifest
  folder: string
  operations?: ModuleOperations
  sandbox?: ModuleSandbox
  /** Parsed `locales/<lang>.json` files. */
  locales: Record<string, unknown>
}

/** A manifest that failed validation, with the file and every problem. */
export class CatalogError extends Error {
  override name = 'CatalogError'
  constructor(
    readonly file: string,
    readonly problems: ManifestProblem[],
  ) {
    super(
      `${file}:\n` +
        problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n'),
    )
  }
}

/** Module folders in the catalog, sorted by name. */
export function moduleFolders(dir = CATALOG_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && existsSync(join(dir, d.name, 'manifest.ts')),
    )
    .map((d) => d.name)
    .sort()
}

async function importDefault<T>(file: string): Promise<T | undefined> {
  if (!existsSync(file)) return undefined
  const loaded = (await import(pathToFileURL(file).href)) as { default?: T }
  return loaded.default
}

function readLocales(folder: string): Record<string, unknown> {
  const dir = join(folder, 'locales')
  const locales: Record<string, unknown> = {}
  if (!existsSync(dir)) return locales
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    locales[file.slice(0, -5)] = JSON.parse(
      readFileSync(join(dir, file), 'utf8'),
    )
  }
  return locales
}

/** Loads one module folder; throws CatalogError when its manifest is wrong. */
export async function loadModule(path: string): Promise<CatalogModule> {
  const folder = resolve(path)
  const file = join(folder, 'manifest.ts')
  const manifest = await importDefault<ServiceManifest>(file)
  const problems = validateManifest(manifest, basename(folder))
  if (problems.length > 0 || !manifest) throw new CatalogError(file, problems)

  return {
    manifest,
    folder,
    operations: await importDefault<ModuleOperations>(
      join(folder, 'server.ts'),
    ),
    sandbox: await importDefault<ModuleSandbox>(join(folder, 'sandbox.ts')),
    locales: readLocales(folder),
  }
}

/** Discovers and loads every module in `services-catalog/`. */
export async function discoverModules(
  dir = CATALOG_DIR,
): Promise<CatalogModule[]> {
  const modules: CatalogModule[] = []
  for (const name of moduleFolders(dir)) {
    modules.push(await loadModule(join(dir, name)))
  }
  return modules
}
