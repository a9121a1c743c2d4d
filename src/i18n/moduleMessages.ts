import type { Language } from '@common/catalog/manifest'
import type { Catalog } from '@/catalog/catalog'
import { i18n } from './i18n'

/** Where a module's texts sit in the shared message tree. */
export function moduleMessagePath(moduleId: string): string {
  return `modules.${moduleId}`
}

export { moduleErrorPrefix } from '@common/catalog/errorPrefix'

const loaded = new Set<string>()
/** Modules whose texts were asked for, with the catalog that has them. */
const inUse = new Map<string, Catalog>()

/**
 * Loads a module's texts in one language into the shared i18n instance, once.
 * The module is remembered as in use, so a language switch loads its texts
 * in the new language too.
 */
export async function loadModuleMessages(
  catalog: Catalog,
  moduleId: string,
  language: Language,
): Promise<void> {
  inUse.set(moduleId, catalog)
  const key = `${moduleId}/${language}`
  if (loaded.has(key)) return

  const locale = await catalog.find(moduleId)?.locale(language)
  if (locale) {
    i18n.global.mergeLocaleMessage(language, {
      modules: { [moduleId]: locale },
    })
  }
  loaded.add(key)
}

/**
 * Loads the texts of every module opened during this visit in another
 * language, ahead of a language switch.
 */
export async function loadModulesInUse(language: Language): Promise<void> {
  await Promise.all(
    [...inUse].map(([id, catalog]) =>
      loadModuleMessages(catalog, id, language),
    ),
  )
}
