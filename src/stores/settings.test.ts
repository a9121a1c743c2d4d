import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n/i18n'
import { freshPinia } from '@/testing/harness'
import { useSettingsStore } from './settings'

describe('useSettingsStore', () => {
  beforeEach(() => {
    localStorage.clear()
    delete document.documentElement.dataset.theme
    delete document.documentElement.dataset.motion
    freshPinia()
  })

  it('switches language, sets <html lang> and remembers the choice', async () => {
    const settings = useSettingsStore()
    await settings.setLanguage('ru')
    expect(i18n.global.locale.value).toBe('ru')
    expect(document.documentElement.lang).toBe('ru')
    expect(localStorage.getItem('portal.language')).toBe('ru')

    freshPinia()
    expect(useSettingsStore().language).toBe('ru')
    await settings.setLanguage('en')
  })

  it('shows theme and motion on <html> and leaves system to the media queries', () => {
    const settings = useSettingsStore()
    settings.setTheme('dark')
    settings.setMotion('reduce')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(document.documentElement.dataset.motion).toBe('reduce')
    expect(settings.prefersReducedMotion()).toBe(true)

    settings.setTheme('system')
    expect(document.documentElement.dataset.theme).toBeUndefined()
  })

  it('keeps theme and motion for the next visit', () => {
    useSettingsStore().setTheme('light')
    useSettingsStore().setMotion('full')
    freshPinia()
    expect(useSettingsStore().theme).toBe('light')
    expect(useSettingsStore().motion).toBe('full')
  })

  it('starts from system when nothing valid was saved', () => {
    localStorage.setItem('portal.theme', 'purple')
    expect(useSettingsStore().theme).toBe('system')
    expect(useSettingsStore().motion).toBe('system')
  })
})
