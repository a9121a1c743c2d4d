import type { Language } from '@common/catalog/manifest'
import { i18n } from './i18n'
import { loadModulesInUse } from './moduleMessages'
import { loadShellMessages } from './shellMessages'

/**
 * Switches the portal to a language: loads the shell's texts and those of
 * every module opened so far, then changes the locale and `<html lang>` in
 * one step, so no page shows a mix of languages or message keys.
 */
export async function loadLanguage(language: Language): Promise<void> {
  await Promise.all([loadShellMessages(language), loadModulesInUse(language)])

  i18n.global.locale.value = language
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language
  }
}
