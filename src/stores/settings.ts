import type { Language } from '@common/catalog/manifest'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { initialLanguage, saveLanguage } from '@/i18n/language'
import { loadLanguage } from '@/i18n/loadLanguage'
import { readPreference, writePreference } from '@/utils/storage'

export const THEMES = ['system', 'light', 'dark'] as const
/** Colour theme; `system` follows the device. */
export type Theme = (typeof THEMES)[number]

export const MOTION_CHOICES = ['system', 'reduce', 'full'] as const
/** Animation preference; `system` follows prefers-reduced-motion. */
export type Motion = (typeof MOTION_CHOICES)[number]

const THEME_KEY = 'portal.theme'
const MOTION_KEY = 'portal.motion'

function readChoice<T extends string>(key: string, allowed: readonly T[]): T {
  const saved = readPreference(key)
  return allowed.find((choice) => choice === saved) ?? allowed[0]!
}

/**
 * Shows a choice on `<html>` as `data-theme` / `data-motion`; the
 * stylesheet does the rest. `system` removes the attribute so the media
 * queries decide, which also holds before any script has run.
 */
function applyToDocument(name: 'theme' | 'motion', value: string) {
  if (typeof document === 'undefined') return
  const root = document.documentElement
  if (value === 'system') delete root.dataset[name]
  else root.dataset[name] = value
}

/** The citizen's display preferences, kept in localStorage. */
export const useSettingsStore = defineStore('settings', () => {
  const language = ref<Language>(initialLanguage())
  const theme = ref<Theme>(readChoice(THEME_KEY, THEMES))
  const motion = ref<Motion>(readChoice(MOTION_KEY, MOTION_CHOICES))

  /** Applies the saved (or detected) preferences; call once at start. */
  async function apply(): Promise<void> {
    applyToDocument('theme', theme.value)
    applyToDocument('motion', motion.value)
    await loadLanguage(language.value)
  }

  /** Switches language and remembers the choice for later visits. */
  async function setLanguage(next: Language): Promise<void> {
    await loadLanguage(next)
    language.value = next
    saveLanguage(next)
  }

  function setTheme(next: Theme) {
    theme.value = next
    writePreference(THEME_KEY, next)
    applyToDocument('theme', next)
  }

  function setMotion(next: Motion) {
    motion.value = next
    writePreference(MOTION_KEY, next)
    applyToDocument('motion', next)
  }

  /** True when animations should be skipped, by setting or by the device. */
  function prefersReducedMotion(): boolean {
    if (motion.value !== 'system') return motion.value === 'reduce'
    return (
      globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ??
      false
    )
  }

  return {
    language,
    theme,
    motion,
    apply,
    setLanguage,
    setTheme,
    setMotion,
    prefersReducedMotion,
  }
})
