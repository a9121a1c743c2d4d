import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { useAnnouncerStore } from '@/stores/announcer'
import { useSessionStore } from '@/stores/session'
import {
  fakeApi,
  freshPinia,
  sentBodies,
  sessionUser,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import SignInPage from './SignInPage.vue'

const MARI = {
  personalCode: '38001085718',
  phoneNumber: '+37251234567',
  name: 'Mari Maasikas',
  note: 'Adult',
}
const IDENTITIES = {
  body: {
    identities: [
      MARI,
      {
        personalCode: '60001019906',
        phoneNumber: '+37200000766',
        name: 'Mai Kask',
        note: '',
      },
    ],
  },
}
const SIGNED_IN = {
  body: { state: 'COMPLETE', result: 'OK', user: sessionUser() },
}

let wrapper: VueWrapper | undefined

async function mountSignIn(
  path: string,
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
) {
  const calls = fakeApi({
    'GET /session': { body: { user: null } },
    ...answers,
  })
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push(path)
  wrapper = mount(SignInPage, {
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n, router] },
  })
  await flushPromises()
  return { wrapper, router, calls }
}

function checkedMethod(view: VueWrapper): string | undefined {
  return view
    .findAll<HTMLInputElement>('input[name="sign-in-method"]')
    .find((radio) => radio.element.checked)?.element.value
}

describe('SignInPage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('offers Mobile-ID, Smart-ID and ID-card as a choice, Mobile-ID first', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    const group = wrapper.get('fieldset')
    expect(group.get('legend').text()).toBe('How do you want to sign in?')
    const labels = group.findAll('label').map((label) => label.text())
    expect(labels).toEqual(['Mobile-ID', 'Smart-ID', 'ID-card'])
    expect(checkedMethod(wrapper)).toBe('mobile-id')

    // One method's form at a time.
    expect(wrapper.get('#mobile-id-heading').text()).toBe(
      'Sign in with Mobile-ID',
    )
    expect(wrapper.get('#mobile-id-phone').attributes('type')).toBe('tel')
    expect(wrapper.find('#smart-id-heading').exists()).toBe(false)
    expect(wrapper.find('#id-card-heading').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('coming soon')
  })

  it.each([
    ['smart-id', '#smart-id-personal-code'],
    ['id-card', '#id-card-heading'],
  ])(
    'shows the form of the method the address names: %s',
    async (method, shown) => {
      const { wrapper } = await mountSignIn(`/sign-in?method=${method}`, {
        'GET /sandbox/identities': IDENTITIES,
      })
      expect(checkedMethod(wrapper)).toBe(method)
      expect(wrapper.find(shown).exists()).toBe(true)
      expect(wrapper.find('#mobile-id-phone').exists()).toBe(false)
    },
  )

  it('shows Mobile-ID for a method it does not know', async () => {
    const { wrapper } = await mountSignIn('/sign-in?method=password', {
      'GET /sandbox/identities': IDENTITIES,
    })
    expect(checkedMethod(wrapper)).toBe('mobile-id')
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(true)
  })

  it('keeps the chosen method in the address, beside where to go back to', async () => {
    const { wrapper, router } = await mountSignIn(
      '/sign-in?redirect=/services/child-benefit',
      { 'GET /sandbox/identities': IDENTITIES },
    )
    await wrapper.get('#sign-in-method-smart-id').setValue(true)
    await flushPromises()

    expect(router.currentRoute.value.query).toEqual({
      redirect: '/services/child-benefit',
      method: 'smart-id',
    })
    expect(wrapper.find('#smart-id-personal-code').exists()).toBe(true)
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(false)

    await router.replace('/sign-in?method=id-card')
    await flushPromises()
    expect(checkedMethod(wrapper)).toBe('id-card')
    expect(wrapper.find('#id-card-heading').exists()).toBe(true)
  })

  it('marks the test identities as a development sandbox option', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    expect(wrapper.get('#sandbox-heading').text()).toBe(
      'Development sandbox only: test identities',
    )
  })

  it('lists the sandbox identities with their own Mobile-ID numbers', async () => {
    const { wrapper } = await mountSignIn('/sign-in', {
      'GET /sandbox/identities': IDENTITIES,
    })
    const buttons = wrapper.findAll('.identity')
    expect(buttons).toHaveLength(2)
    expect(buttons[0]?.text()).toContain('Fill in the form for Mari Maasikas')
    expect(buttons[0]?.text()).toContain('38001085718')
    expect(buttons[0]?.text()).toContain('+37251234567')
  })

  it('fills the Mobile-ID form from an identity, signing nobody in', async () => {
    const { wrapper, router, calls } = await mountSignIn(
      '/sign-in?method=smart-id',
      { 'GET /sandbox/identities': IDENTITIES },
    )
    const said: string[] = []
    watch(
      () => useAnnouncerStore().polite,
      (text) => said.push(text),
      { flush: 'sync' },
    )
    await wrapper.get('.identity').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query.method).toBe('mobile-id')
    const phone = wrapper.get<HTMLInputElement>('#mobile-id-phone')
    expect(phone.element.value).toBe(MARI.phoneNumber)
    expect(
      wrapper.get<HTMLInputElement>('#mobile-id-personal-code').element.value,
    ).toBe(MARI.personalCode)
    expect(document.activeElement).toBe(phone.element)
    await vi.waitFor(() =>
      expect(said).toContain(
        'The Mobile-ID form is filled in for Mari Maasikas. ' +
          'Press Continue to sign in.',
      ),
    )
    expect(calls.filter((call) => !call.startsWith('GET'))).toEqual([])
    expect(useSessionStore().signedIn).toBe(false)
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
    expect(wrapper.find('fieldset').exists()).toBe(false)
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

  it('signs in with a filled-in identity and goes back where the citizen came from', async () => {
    const { wrapper, router } = await mountSignIn(
      '/sign-in?redirect=/services/child-benefit',
      {
        'GET /sandbox/identities': IDENTITIES,
        'POST /auth/mobile-id': {
          body: { id: 'sign-in-1', verificationCode: '4821' },
        },
        'GET /auth/mobile-id/sign-in-1': SIGNED_IN,
      },
    )
    expect(wrapper.text()).toContain('Sign in to use this e-service.')
    await wrapper.get('.identity').trigger('click')
    await flushPromises()
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(sentBodies()).toContainEqual({
      phoneNumber: MARI.phoneNumber,
      personalCode: MARI.personalCode,
    })
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
        'POST /auth/mobile-id': {
          body: { id: 'sign-in-1', verificationCode: '4821' },
        },
        'GET /auth/mobile-id/sign-in-1': SIGNED_IN,
      },
    )
    await wrapper.get('.identity').trigger('click')
    await flushPromises()
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/'))
  })
})
