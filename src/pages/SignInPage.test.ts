import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import {
  fakeApi,
  freshPinia,
  sessionUser,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import SignInPage from './SignInPage.vue'

const IDENTITIES = {
  body: {
    identities: [
      { personalCode: '38001085718', name: 'Mari Maasikas', note: 'Adult' },
      { personalCode: '60001019906', name: 'Mai Kask', note: '' },
    ],
  },
}

async function mountSignIn(path: string, answers: Record<string, FakeAnswer>) {
  fakeApi({ 'GET /session': { body: { user: null } }, ...answers })
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push(path)
  const wrapper = mount(SignInPage, {
    global: { plugins: [freshPinia(), i18n, router] },
  })
  await flushPromises()
  return { wrapper, router }
}

describe('SignInPage', () => {
  beforeEach(() => useLanguage('en'))

  it('offers Mobile-ID, Smart-ID and ID-card, none of them as coming later', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    expect(wrapper.get('#mobile-id-heading').text()).toBe(
      'Sign in with Mobile-ID',
    )
    expect(wrapper.get('#mobile-id-phone').attributes('type')).toBe('tel')
    expect(wrapper.get('#smart-id-heading').text()).toBe(
      'Sign in with Smart-ID',
    )
    expect(wrapper.find('#smart-id-personal-code').exists()).toBe(true)
    expect(wrapper.get('#id-card-heading').text()).toBe('ID-card')
    expect(wrapper.text()).not.toContain('coming soon')
  })

  it('marks the test identities as a development sandbox option', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    expect(wrapper.get('#sandbox-heading').text()).toBe(
      'Development sandbox only: test identities',
    )
  })

  it('lists the sandbox identities to act as', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    const buttons = wrapper.findAll('.identity')
    expect(buttons).toHaveLength(2)
    expect(buttons[0]?.text()).toContain('Sign in as Mari Maasikas')
    expect(buttons[0]?.text()).toContain('38001085718')
  })

  it('leaves the sandbox option out when the sandbox is off', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'x' } },
      },
    })
    expect(wrapper.find('#sandbox-heading').exists()).toBe(false)
    expect(wrapper.find('.identity').exists()).toBe(false)
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(true)
  })

  it('explains a server that cannot be reached, with a way to retry', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {})
    const panel = wrapper.get('.panel')
    expect(panel.get('h2').text()).toBe('Sign-in options could not be loaded')
    expect(panel.text()).toContain('could not be reached')
    expect(panel.get('button').text()).toBe('Try again')
    // Neither a form that cannot work nor the sandbox's development option.
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(false)
    expect(wrapper.find('.sandbox-sign-in').exists()).toBe(false)
  })

  it('offers sign-in once a retry reaches the server', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {})
    fakeApi({
      'GET /session': { body: { user: null } },
      'GET /sandbox/identities': IDENTITIES,
    })
    await wrapper.get('.panel button').trigger('click')
    await flushPromises()
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(true)
    expect(wrapper.findAll('.identity')).toHaveLength(2)
  })

  it('signs in and goes back where the citizen came from', async () => {
    const { wrapper, router } = await mountSignIn(
      '/sign-in?redirect=/services/child-benefit',
      {
        'GET /sandbox/identities': IDENTITIES,
        'POST /sandbox/sign-in': {
          body: {
            user: sessionUser(),
          },
        },
      },
    )
    expect(wrapper.text()).toContain('Sign in to use this e-service.')
    await wrapper.get('.identity').trigger('click')
    await flushPromises()
    expect(useSessionStore().displayName).toBe('Mari Maasikas')
    // The module's page loads lazily before the navigation completes.
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe(
        '/services/child-benefit',
      ),
    )
  })

  it('never follows a redirect to another site', async () => {
    const { wrapper, router } = await mountSignIn(
      '/sign-in?redirect=//evil.example',
      {
        'GET /sandbox/identities': IDENTITIES,
        'POST /sandbox/sign-in': {
          body: {
            user: sessionUser({ idleExpiresAt: '', expiresAt: '' }),
          },
        },
      },
    )
    await wrapper.get('.identity').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/')
  })
})
