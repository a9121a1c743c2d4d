import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { useAnnouncerStore } from '@/stores/announcer'
import { useSessionStore } from '@/stores/session'
import {
  sentBodies,
  settle,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import { focusedText, mountSignInMethod } from '@/testing/signIn'
import SignInMobileId from './SignInMobileId.vue'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
  method: 'mobile-id',
  assurance: 'high',
  idleExpiresAt: '2026-12-03T20:00:00Z',
  expiresAt: '2026-12-04T06:00:00Z',
}

const STARTED = { body: { id: 'sign-in-1', verificationCode: '4821' } }
const RUNNING = { body: { state: 'RUNNING' } }
const POLL = 'GET /auth/mobile-id/sign-in-1'

let wrapper: VueWrapper | undefined

async function mountMobileId(
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
  path?: string,
) {
  const mounted = await mountSignInMethod(SignInMobileId, answers, path)
  wrapper = mounted.wrapper
  return mounted
}

async function fillAndSubmit(
  view: VueWrapper,
  phoneNumber = '+372 0000 0766',
  personalCode = '60001019906',
) {
  await view.get('#mobile-id-phone').setValue(phoneNumber)
  await view.get('#mobile-id-personal-code').setValue(personalCode)
  await view.get('form').trigger('submit')
  await flushPromises()
}

describe('SignInMobileId', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('shows the verification code, waits, and returns to the page that asked', async () => {
    const { wrapper, router, calls } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: [
        RUNNING,
        RUNNING,
        { body: { state: 'COMPLETE', result: 'OK', user: MARY } },
      ],
    })
    const said: string[] = []
    watch(
      () => useAnnouncerStore().polite,
      (text) => said.push(text),
      { flush: 'sync' },
    )
    await fillAndSubmit(wrapper)

    expect(sentBodies()).toContainEqual({
      phoneNumber: '+37200000766',
      personalCode: '60001019906',
    })
    expect(wrapper.get('[data-verification-code]').text()).toBe('4821')
    expect(wrapper.text()).toContain('Verification code')
    expect(wrapper.text()).toContain(
      'Check that your phone shows the same code',
    )
    expect(focusedText()).toBe('Confirm on your phone')
    await settle()
    expect(useAnnouncerStore().assertive).toBe(
      'Your verification code is 4 8 2 1. Check that your phone shows the same code.',
    )

    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe(
        '/services/child-benefit',
      ),
    )
    expect(calls.filter((call) => call === POLL)).toHaveLength(3)
    expect(useSessionStore().displayName).toBe(
      'MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER',
    )
    expect(said).toContain(
      'You are signed in as MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER.',
    )
  })

  it('goes home after sign-in when the way back leads to another site', async () => {
    const { wrapper, router } = await mountMobileId(
      {
        'POST /auth/mobile-id': STARTED,
        [POLL]: { body: { state: 'COMPLETE', result: 'OK', user: MARY } },
      },
      '/sign-in?redirect=//evil.example',
    )
    await fillAndSubmit(wrapper)
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/'))
    expect(useSessionStore().user).not.toBeNull()
  })

  it('explains a refusal in an error summary that takes focus', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: { body: { state: 'COMPLETE', result: 'USER_CANCELLED' } },
    })
    await fillAndSubmit(wrapper)
    await vi.waitFor(() =>
      expect(wrapper.find('.error-summary').exists()).toBe(true),
    )
    await flushPromises()

    const summary = wrapper.get('.error-summary')
    expect(summary.text()).toContain('Signing in with Mobile-ID did not work')
    expect(summary.text()).toContain('You cancelled the sign-in on your phone.')
    expect(document.activeElement).toBe(summary.element)
    expect(useSessionStore().user).toBeNull()

    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(
      (wrapper.get('#mobile-id-phone').element as HTMLInputElement).value,
    ).toBe('+372 0000 0766')
    expect(
      (wrapper.get('#mobile-id-personal-code').element as HTMLInputElement)
        .value,
    ).toBe('60001019906')
    expect(focusedText()).toBe('Sign in with Mobile-ID')
  })

  it('explains a result it does not know in general words', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: { body: { state: 'COMPLETE', result: 'SOMETHING_NEW' } },
    })
    await fillAndSubmit(wrapper)
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain(
        'Signing in with Mobile-ID did not work. Try again',
      ),
    )
  })

  it('cancels on the server, stops waiting and returns to the form', async () => {
    const { wrapper, calls } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: RUNNING,
      'DELETE /auth/mobile-id/sign-in-1': { status: 204 },
    })
    await fillAndSubmit(wrapper)
    const cancel = wrapper
      .findAll('button')
      .find((button) => button.text() === 'Cancel')
    await cancel?.trigger('click')
    await flushPromises()

    expect(calls).toContain('DELETE /auth/mobile-id/sign-in-1')
    expect(wrapper.find('[data-verification-code]').exists()).toBe(false)
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(true)
    expect(focusedText()).toBe('Sign in with Mobile-ID')
    await settle()
    expect(useAnnouncerStore().polite).toBe('Mobile-ID sign-in was cancelled.')

    const polls = calls.filter((call) => call === POLL).length
    await settle(80)
    expect(calls.filter((call) => call === POLL)).toHaveLength(polls)
  })

  it('stops asking when the page goes away', async () => {
    const { wrapper, calls } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: RUNNING,
    })
    await fillAndSubmit(wrapper)
    wrapper.unmount()
    await flushPromises()
    const polls = calls.filter((call) => call === POLL).length
    await settle(80)
    expect(calls.filter((call) => call === POLL)).toHaveLength(polls)
    expect(calls).toContain('DELETE /auth/mobile-id/sign-in-1')
  })

  it('checks the fields in the browser before asking the server', async () => {
    const { wrapper, calls } = await mountMobileId({})
    await fillAndSubmit(wrapper, '5123 4567', '60001019907')

    expect(calls).not.toContain('POST /auth/mobile-id')
    const summary = wrapper.get('.error-summary')
    expect(document.activeElement).toBe(summary.element)
    const links = summary.findAll('a')
    expect(links.map((link) => link.attributes('href'))).toEqual([
      '#mobile-id-phone',
      '#mobile-id-personal-code',
    ])
    expect(wrapper.get('#mobile-id-phone-error').text()).toContain(
      'in international form, starting with +372 or +370',
    )
    expect(wrapper.get('#mobile-id-personal-code-error').text()).toContain(
      'This personal code is not valid',
    )
    expect(wrapper.get('#mobile-id-phone').attributes('aria-describedby')).toBe(
      'mobile-id-phone-hint mobile-id-phone-error',
    )
  })

  it('asks for a personal code of eleven digits', async () => {
    const { wrapper } = await mountMobileId({})
    await fillAndSubmit(wrapper, '+37200000766', '600010')
    expect(wrapper.get('#mobile-id-personal-code-error').text()).toContain(
      'Your personal code must be 11 digits',
    )
  })

  it('shows the server’s field problems at their fields', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': {
        status: 400,
        body: {
          error: { code: 'PHONE_NUMBER_INVALID', message: 'x', details: [] },
        },
      },
    })
    await fillAndSubmit(wrapper)
    expect(wrapper.get('#mobile-id-phone-error').text()).toContain(
      'Enter your mobile number in international form',
    )
    expect(wrapper.get('.error-summary a').attributes('href')).toBe(
      '#mobile-id-phone',
    )
    expect(document.activeElement).toBe(wrapper.get('.error-summary').element)
  })

  it('says how long to wait when there were too many attempts', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': {
        status: 429,
        headers: { 'retry-after': '42' },
        body: { error: { code: 'RATE_LIMITED', message: 'x' } },
      },
    })
    await fillAndSubmit(wrapper)
    expect(wrapper.get('.error-summary').text()).toContain(
      'Too many sign-in attempts. Wait 42 seconds and try again.',
    )
  })

  it('explains that Mobile-ID cannot be reached', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': {
        status: 502,
        body: { error: { code: 'MOBILE_ID_UNAVAILABLE', message: 'x' } },
      },
    })
    await fillAndSubmit(wrapper)
    expect(wrapper.get('.error-summary').text()).toContain(
      'The Mobile-ID service cannot be reached right now.',
    )
    expect(wrapper.find('#mobile-id-phone').exists()).toBe(true)
  })

  it('explains a lost connection while waiting', async () => {
    const { wrapper } = await mountMobileId({
      'POST /auth/mobile-id': STARTED,
      [POLL]: 'network',
    })
    await fillAndSubmit(wrapper)
    await vi.waitFor(() =>
      expect(wrapper.get('.error-summary').text()).toContain(
        'Check your internet connection',
      ),
    )
  })
})
