import type { Language } from '@common/catalog/manifest'
import { i18n } from './i18n'

type Messages = Record<string, unknown>

const files = import.meta.glob<Messages>('./locales/*.json', {
  import: 'default',
})

const loaded = new Set<Language>()

/** Loads the shell's own texts for a language once; later calls are free. */
export async function loadShellMessages(language: Language): Promise<void> {
  if (loaded.has(language)) return
  const load = files[`./locales/${language}.json`]
  if (!load) throw new Error(`[i18n] No shell messages for '${language}'.`)

  i18n.global.mergeLocaleMessage(language, await load())
  loaded.add(language)
}
