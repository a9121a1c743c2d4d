import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LANGUAGES } from '../../common/catalog/manifest.ts'
import {
  parseClientId,
  parseServiceId,
} from '../../common/xroad/identifiers.ts'
import {
  CatalogError,
  loadModule,
  moduleFolders,
  type CatalogModule,
} from './discover.ts'
import { moduleErrorPrefix } from '../../common/catalog/errorPrefix.ts'
import type { ModuleErrorSpec } from './moduleErrors.ts'

/** One thing wrong in the catalog: the file, the field and the problem. */
export interface CatalogProblem {
  file: string
  field: string
  message: string
}

type Messages = { [key: string]: string | Messages }

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value as Messages).flatMap(([k, v]) =>
    keysOf(v, prefix ? `${prefix}.${k}` : k),
  )
}

function checkLocales(module: CatalogModule, problems: CatalogProblem[]) {
  const dir = join(module.folder, 'locales')
  const keySets = new Map<string, Set<string>>()
  for (const lang of LANGUAGES) {
    const file = join(dir, `${lang}.json`)
    if (!existsSync(file)) {
      problems.push({ file, field: '(file)', message: 'is missing' })
      continue
    }
    try {
      keySets.set(lang, new Set(keysOf(JSON.parse(readFileSync(file, 'utf8')))))
    } catch (err) {
      problems.push({
        file,
        field: '(file)',
        message: `is not JSON: ${String(err)}`,
      })
    }
  }
  const all = new Set([...keySets.values()].flatMap((s) => [...s]))
  for (const [lang, keys] of keySets) {
    for (const key of all) {
      if (!keys.has(key)) {
        problems.push({
          file: join(dir, `${lang}.json`),
          field: key,
          message: 'has no translation in this language',
        })
      }
    }
  }
  return keySets
}

async function checkErrors(
  module: CatalogModule,
  keySets: Map<string, Set<string>>,
  problems: CatalogProblem[],
) {
  const file = join(module.folder, 'errors.ts')
  if (!existsSync(file)) return
  const loaded = (await import(file)) as {
    default?: { specs?: Record<string, ModuleErrorSpec> }
  }
  const specs = loaded.default?.specs ?? {}
  const prefix = moduleErrorPrefix(module.manifest.id)
  for (const [code, spec] of Object.entries(specs)) {
    if (!code.startsWith(prefix)) {
      problems.push({ file, field: code, message: `must start with ${prefix}` })
    }
    if (
      !Number.isInteger(spec.status) ||
      spec.status < 400 ||
      spec.status > 599
    ) {
      problems.push({ file, field: code, message: 'status must be 4xx or 5xx' })
    }
    for (const [lang, keys] of keySets) {
      if (!keys.has(`errors.${code}`)) {
        problems.push({
          file: join(module.folder, 'locales', `${lang}.json`),
          field: `errors.${code}`,
          message: 'the error has no text in this language',
        })
      }
    }
  }
}

function checkPagesAndSandbox(
  module: CatalogModule,
  problems: CatalogProblem[],
) {
  const manifestFile = join(module.folder, 'manifest.ts')
  module.manifest.routes.forEach((route, i) => {
    if (!existsSync(join(module.folder, 'pages', route.page))) {
      problems.push({
        file: manifestFile,
        field: `routes[${i}].page`,
        message: `pages/${route.page} does not exist`,
      })
    }
  })
  const sandboxFile = join(module.folder, 'sandbox.ts')
  module.sandbox?.accessRights?.forEach((right, i) => {
    const client = parseClientId(right.client)
    if (!client || client.subsystemCode === undefined) {
      problems.push({
        file: sandboxFile,
        field: `accessRights[${i}].client`,
        message: 'must be INSTANCE/CLASS/MEMBER/SUBSYSTEM',
      })
    }
    if (!parseServiceId(right.service)) {
      problems.push({
        file: sandboxFile,
        field: `accessRights[${i}].service`,
        message: 'must be INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE',
      })
    }
    if (!right.path.startsWith('/')) {
      problems.push({
        file: sandboxFile,
        field: `accessRights[${i}].path`,
        message: "must start with '/'",
      })
    }
  })
}

/**
 * Checks every module of a catalog folder: the manifest schema, unique ids,
 * pages that exist, all three languages complete, error codes prefixed and
 * translated, and the sandbox access rights well-formed.
 */
export async function checkCatalog(dir: string): Promise<CatalogProblem[]> {
  const problems: CatalogProblem[] = []
  const ids = new Map<string, string>()

  for (const name of moduleFolders(dir)) {
    const folder = join(dir, name)
    let module: CatalogModule
    try {
      module = await loadModule(folder)
    } catch (err) {
      if (!(err instanceof CatalogError)) throw err
      for (const p of err.problems) problems.push({ file: err.file, ...p })
      continue
    }
    const other = ids.get(module.manifest.id)
    if (other) {
      problems.push({
        file: join(folder, 'manifest.ts'),
        field: 'id',
        message: `is also the id of ${other}`,
      })
    }
    ids.set(module.manifest.id, folder)

    const keySets = checkLocales(module, problems)
    await checkErrors(module, keySets, problems)
    checkPagesAndSandbox(module, problems)
  }
  return problems
}
