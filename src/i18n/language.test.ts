import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_LANGUAGE,
  initialLanguage,
  LANGUAGE_KEY,
  languageFromPreferences,
  saveLanguage,
} from './language'

describe('language choice', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => localStorage.clear())

  it('takes the first browser language the portal speaks', () => {
    expect(languageFromPreferences(['de-DE', 'ru-EE', 'en-US'])).toBe('ru')
    expect(languageFromPreferences(['EN_gb'])).toBe('en')
  })

  it('finds nothing when the browser prefers only other languages', () => {
    expect(languageFromPreferences(['fi', 'sv-FI'])).toBeUndefined()
  })

  it('starts a first visit in the browser’s language', () => {
    expect(initialLanguage(['en-US', 'et'])).toBe('en')
  })

  it('falls back to Estonian when nothing matches', () => {
    expect(initialLanguage(['fi'])).toBe(DEFAULT_LANGUAGE)
    expect(DEFAULT_LANGUAGE).toBe('et')
  })

  it('keeps the citizen’s own choice over the browser’s', () => {
    saveLanguage('ru')
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('ru')
    expect(initialLanguage(['en-US'])).toBe('ru')
  })

  it('ignores a saved value that is not a portal language', () => {
    localStorage.setItem(LANGUAGE_KEY, 'xx')
    expect(initialLanguage(['en'])).toBe('en')
  })
})
