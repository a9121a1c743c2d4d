import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '@/App.vue'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { useAnnouncerStore } from '@/stores/announcer'
import { useSettingsStore } from '@/stores/settings'
import {
  fakeApi,
  freshPinia,
  sessionUser,
  settle,
  useLanguage,
} from '@/testing/harness'
import { createAppRouter } from './index'

async function mountShell(path: string) {
  const pinia = freshPinia()
  const router: Router = createAppRouter(
    fixtureCatalog(),
    createMemoryHistory(),
  )
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router] },
  })
  await flushPromises()
  return { wrapper, router }
}

describe('page change', () => {
  beforeEach(async () => {
    localStorage.clear()
    fakeApi({ 'GET /session': { body: { user: null } } })
    await useLanguage('en')
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('titles the first page but leaves focus and announcements alone', async () => {
    const { wrapper } = await mountShell('/')
    expect(document.title).toBe('E-services – Citizen Portal')
    expect(document.activeElement).toBe(document.body)
    await settle()
    expect(useAnnouncerStore().polite).toBe('')
    wrapper.unmount()
  })

  it('sets the title, focuses the h1 and announces the new page', async () => {
    const { wrapper, router } = await mountShell('/')
    await router.push('/settings')
    await flushPromises()

    expect(document.title).toBe('Settings – Citizen Portal')
    const heading = document.querySelector('#main h1')
    expect(document.activeElement).toBe(heading)
    expect(heading?.getAttribute('tabindex')).toBe('-1')
    await settle()
    expect(useAnnouncerStore().polite).toBe('Page opened: Settings')
    wrapper.unmount()
  })

  it('focuses the part of the page a link points to', async () => {
    const { wrapper, router } = await mountShell('/')
    await router.push('/accessibility?page=/settings#feedback')
    await flushPromises()
    expect(document.activeElement?.id).toBe('feedback')
    expect(document.title).toBe('Accessibility statement – Citizen Portal')
    wrapper.unmount()
  })

  it('shows a not-found page with its own title for unknown paths', async () => {
    const { wrapper, router } = await mountShell('/')
    await router.push('/no/such/page')
    await flushPromises()
    expect(document.title).toBe('Page not found – Citizen Portal')
    expect(document.activeElement?.textContent).toBe('Page not found')
    wrapper.unmount()
  })

  it('uses a module route’s own title in the current language', async () => {
    fakeApi({
      'GET /session': {
        body: {
          user: sessionUser(),
        },
      },
    })
    const { wrapper, router } = await mountShell('/')
    await router.push('/services/child-benefit/payments/2026')
    await flushPromises()
    expect(document.title).toBe('Payments – Citizen Portal')
    expect(document.activeElement?.textContent).toBe('Payments')

    await useSettingsStore().setLanguage('et')
    await flushPromises()
    expect(document.title).toBe('Maksed – Kodanikuportaal')
    expect(document.documentElement.lang).toBe('et')
    expect(wrapper.get('#main h1').text()).toBe('Maksed')
    await useLanguage('en')
    wrapper.unmount()
  })
})
