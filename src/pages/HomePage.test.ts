import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { useAnnouncerStore } from '@/stores/announcer'
import { freshPinia, useLanguage } from '@/testing/harness'
import HomePage from './HomePage.vue'

vi.mock('@/catalog', async () => {
  const { fixtureCatalog } = await import('@/catalog/__fixtures__/catalog')
  return { catalog: fixtureCatalog() }
})

async function mountHome() {
  const { catalog } = await import('@/catalog')
  const router = createAppRouter(catalog, createMemoryHistory())
  await router.push('/')
  return mount(HomePage, { global: { plugins: [freshPinia(), i18n, router] } })
}

describe('HomePage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => vi.useRealTimers())

  it('lists modules under their life event with a link to the start page', async () => {
    const wrapper = await mountHome()
    const section = wrapper.get('section')
    expect(section.get('h2').text()).toBe('Family')
    const link = section.get('a')
    expect(link.text()).toBe('Child benefit')
    expect(link.attributes('href')).toBe('/services/child-benefit')
    expect(section.text()).toContain('Sign-in needed')
    expect(section.text()).toContain('Beta')
  })

  it('filters as the citizen types, ignoring diacritics and ё', async () => {
    await useLanguage('ru')
    const wrapper = await mountHome()
    await wrapper.get('input[type="search"]').setValue('РЕБЕНОК')
    expect(wrapper.findAll('article')).toHaveLength(1)
    await wrapper.get('input[type="search"]').setValue('паспорт')
    expect(wrapper.findAll('article')).toHaveLength(0)
  })

  it('says so, and announces it, when nothing matches', async () => {
    vi.useFakeTimers()
    const wrapper = await mountHome()
    await wrapper.get('input').setValue('passport')
    expect(wrapper.text()).toContain('No e-services match “passport”.')
    vi.advanceTimersByTime(1000)
    expect(useAnnouncerStore().polite).toBe('No e-services match “passport”.')
  })

  it('counts the results in the current language', async () => {
    const wrapper = await mountHome()
    await wrapper.get('input').setValue('child')
    expect(wrapper.text()).toContain('1 e-service found')
  })
})
