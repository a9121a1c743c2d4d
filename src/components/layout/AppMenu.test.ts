import { flushPromises, mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { fakeApi, freshPinia, useLanguage } from '@/testing/harness'
import AppMenu from './AppMenu.vue'

beforeAll(() => useLanguage('en'))

async function mountMenu() {
  fakeApi({})
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push('/')
  const wrapper = mount(AppMenu, {
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n, router] },
  })
  return { wrapper, router }
}

describe('AppMenu', () => {
  it('is a closed disclosure at first', async () => {
    const { wrapper } = await mountMenu()
    const button = wrapper.get('button')
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(button.attributes('aria-controls')).toBe('main-menu')
    expect(wrapper.get('#main-menu').isVisible()).toBe(false)
    wrapper.unmount()
  })

  it('opens with the button and closes with Escape, focus back on the button', async () => {
    const { wrapper } = await mountMenu()
    const button = wrapper.get('button')
    await button.trigger('click')
    expect(button.attributes('aria-expanded')).toBe('true')
    expect(wrapper.get('#main-menu').isVisible()).toBe(true)

    const link = wrapper.get('#main-menu a').element as HTMLAnchorElement
    link.focus()
    await wrapper.get('#main-menu a').trigger('keydown', { key: 'Escape' })
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(button.element)
    wrapper.unmount()
  })

  it('lists the shell’s pages, with sign-in while signed out', async () => {
    const { wrapper } = await mountMenu()
    const labels = wrapper.findAll('#main-menu a').map((a) => a.text())
    expect(labels).toEqual([
      'E-services',
      'Who used my data',
      'EstCoin wallet',
      'Sign in',
      'Settings',
      'Accessibility statement',
    ])
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Main menu')
    wrapper.unmount()
  })

  it('closes when a page is chosen', async () => {
    const { wrapper, router } = await mountMenu()
    await wrapper.get('button').trigger('click')
    await router.push('/settings')
    await flushPromises()
    expect(wrapper.get('button').attributes('aria-expanded')).toBe('false')
    wrapper.unmount()
  })
})
