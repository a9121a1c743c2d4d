import type { Language, Translated } from '@common/catalog/manifest'
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { apiErrorText } from '@/i18n/apiErrorText'
import { moduleMessagePath } from '@/i18n/moduleMessages'
import { useTranslated } from './useTranslated'

/** What a service module's pages use to show text. */
export interface ModuleI18n {
  /** A message from the module's `locales/<lang>.json` `messages`. */
  t(key: string, values?: Record<string, unknown>): string
  /** True when the module has this message. */
  has(key: string): boolean
  /** Picks the current language from a manifest text. */
  translated(text: Translated): string
  /** The translated text for a failed API call, module codes included. */
  errorText(error: unknown): string
  /** The current portal language. */
  language: ComputedRef<Language>
}

/**
 * The current-language texts of one service module. The shell loads them
 * before the module's page opens and again on every language switch, so
 * `t` can be used straight away in templates.
 *
 * @param moduleId the module's id, as in its manifest
 */
export function useModuleI18n(moduleId: string): ModuleI18n {
  const { t, te, locale } = useI18n({ useScope: 'global' })
  const base = `${moduleMessagePath(moduleId)}.messages`
  const language = computed(() => locale.value as Language)
  const translated = useTranslated()

  return {
    t: (key, values = {}) => t(`${base}.${key}`, values),
    has: (key) => te(`${base}.${key}`),
    translated,
    errorText: (error) => apiErrorText(error, moduleId),
    language,
  }
}
