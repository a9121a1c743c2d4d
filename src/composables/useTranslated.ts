import type { Language, Translated } from '@common/catalog/manifest'
import { useI18n } from 'vue-i18n'

/**
 * Picks the current language from a manifest text (`{ et, en, ru }`);
 * reactive, so templates follow a language switch.
 */
export function useTranslated(): (text: Translated) => string {
  const { locale } = useI18n({ useScope: 'global' })
  return (text) => text[locale.value as Language]
}
