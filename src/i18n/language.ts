import { LANGUAGES, type Language } from '@common/catalog/manifest'
import { readPreference, writePreference } from '@/utils/storage'

/** The language shown when nothing else tells us what the citizen reads. */
export const DEFAULT_LANGUAGE: Language = 'et'

/** Where the citizen's own language choice is kept. */
export const LANGUAGE_KEY = 'portal.language'

/** BCP 47 tags used for dates and numbers in each portal language. */
export const LOCALE_TAGS: Record<Language, string> = {
  et: 'et-EE',
  en: 'en-GB',
  ru: 'ru-RU',
}

/** True when the value is one of the portal languages. */
export function isLanguage(value: unknown): value is Language {
  return (
    typeof value === 'string' &&
    (LANGUAGES as readonly string[]).includes(value)
  )
}

/**
 * The first portal language in the browser's preference list, matched by the
 * primary subtag, so `ru-EE` or `en-US` count.
 */
export function languageFromPreferences(
  preferred: readonly string[],
): Language | undefined {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0]
    if (isLanguage(primary)) return primary
  }
  return undefined
}

/** The language a visit starts in: the saved choice, else the browser's. */
export function initialLanguage(
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Language {
  const saved = readPreference(LANGUAGE_KEY)
  if (isLanguage(saved)) return saved
  return languageFromPreferences(preferred) ?? DEFAULT_LANGUAGE
}

/** Remembers the citizen's explicit choice for later visits. */
export function saveLanguage(language: Language): void {
  writePreference(LANGUAGE_KEY, language)
}
