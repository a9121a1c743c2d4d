import type { Language } from '@common/catalog/manifest'
import { createI18n } from 'vue-i18n'
import { DEFAULT_LANGUAGE, LOCALE_TAGS } from './language'

const RUSSIAN_FORMS = { one: 0, few: 1, many: 2, other: 2 } as const

/**
 * Russian plural messages have three forms, "one | few | many":
 * 1 услуга, 2 услуги, 5 услуг (and 21 услуга, 22 услуги, 25 услуг).
 */
export function russianPlural(count: number, forms: number): number {
  const category = new Intl.PluralRules('ru').select(Math.abs(count))
  const index = RUSSIAN_FORMS[category as keyof typeof RUSSIAN_FORMS] ?? 2
  return Math.min(index, forms - 1)
}

/**
 * The portal's one vue-i18n instance. Messages are compiled just in time
 * from an AST, never with `eval` or `new Function`, so it runs under the
 * portal's Content-Security-Policy. Shell and module messages are loaded
 * lazily per language (see `loadLanguage`).
 */
export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LANGUAGE,
  fallbackLocale: 'en',
  messages: {},
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
  pluralRules: { ru: russianPlural },
})

/** The language the portal shows now. */
export function currentLanguage(): Language {
  return i18n.global.locale.value as Language
}

/** The BCP 47 tag for dates and numbers in the current language. */
export function currentLocaleTag(): string {
  return LOCALE_TAGS[currentLanguage()]
}
