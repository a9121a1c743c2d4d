import { PORTAL_RESULTS } from '../../../server/auth/portalResults'
import { SMART_ID_END_RESULTS } from '../../../server/auth/smartId/endResults'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import en from '@/i18n/locales/en.json'
import et from '@/i18n/locales/et.json'
import ru from '@/i18n/locales/ru.json'
import { useAnnouncerStore } from '@/stores/announcer'
import { useSessionStore } from '@/stores/session'
import {
  sentBodies,
  settle,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import { focusedText, mountSignInMethod } from '@/testing/signIn'
import SignInSmartId from './SignInSmartId.vue'

const MART = {
  personalCode: '50001029996',
  givenName: 'MÄRT',
  familyName: 'TESTNUMBER',
  method: 'smart-id',
  assurance: 'high',
  idleExpiresAt: '2026-12-03T20:00:00Z',
  expiresAt: '2026-12-04T06:00:00Z',
}

const STARTED = { body: { id: 'sign-in-7', verificationCode: '0718' } }
const RUNNING = { body: { state: 'RUNNING' } }
const POLL = 'GET /auth/smart-id/sign-in-7'

/** Every end result of the Smart-ID RP API v3 and the portal's refusals. */
const RESULTS = [
  ...Object.keys(SMART_ID_END_RESULTS).filter((result) => result !== 'OK'),
  ...PORTAL_RESULTS,
]

let wrapper: VueWrapper | undefined

async function mountSmartId(
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
  path?: string,
) {
  const mounted = await mountSignInMethod(SignInSmartId, answers, path)
  wrapper = mounted.wrapper
  return mounted
}

async function fillAndSubmit(view: VueWrapper, personalCode = '5000102 9996') {
  await view.get('#smart-id-personal-code').setValue(personalCode)
  await view.get('form').trigger('submit')
  await flushPromises()
}

describe('SignInSmartId', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('shows and announces the verification code, then returns to the page that asked', async () => {
    const { wrapper, router, calls } = await mountSmartId({
      'POST /auth/smart-id': STARTED,
      [POLL]: [
        RUNNING,
        { body: { state: 'COMPLETE', result: 'OK', user: MART } },
      ],
    })
    await fillAndSubmit(wrapper)

    expect(sentBodies()).toContainEqual({ personalCode: '50001029996' })
    expect(wrapper.get('[data-verification-code]').text()).toBe('0718')
    expect(wrapper.text()).toContain('Check that the Smart-ID app shows')
    expect(focusedText()).toBe('Confirm in the Smart-ID app')
    await settle()
    expect(useAnnouncerStore().assertive).toBe(
      'Your verification code is 0 7 1 8. Check that the Smart-ID app shows the same code.',
    )

    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe(
        '/services/child-benefit',
      ),
    )
    expect(calls.filter((call) => call === POLL)).toHaveLength(2)
    expect(useSessionStore().user?.method).toBe('smart-id')
  })

  it('explains WRONG_VC and lets the citizen try again', async () => {
    const { wrapper } = await mountSmartId({
      'POST /auth/smart-id': STARTED,
      [POLL]: { body: { state: 'COMPLETE', result: 'WRONG_VC' } },
    })
    await fillAndSubmit(wrapper)
    await vi.waitFor(() =>
      expect(wrapper.find('.error-summary').exists()).toBe(true),
    )
    await flushPromises()

    const summary = wrapper.get('.error-summary')
    expect(summary.text()).toContain('Signing in with Smart-ID did not work')
    expect(summary.text()).toContain('verification code you chose')
    expect(document.activeElement).toBe(summary.element)

    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(
      (wrapper.get('#smart-id-personal-code').element as HTMLInputElement)
        .value,
    ).toBe('5000102 9996')
    expect(focusedText()).toBe('Sign in with Smart-ID')
  })

  it('cancels on the server and returns to the form', async () => {
    const { wrapper, calls } = await mountSmartId({
      'POST /auth/smart-id': STARTED,
      [POLL]: RUNNING,
      'DELETE /auth/smart-id/sign-in-7': { status: 204 },
    })
    await fillAndSubmit(wrapper)
    const cancel = wrapper
      .findAll('button')
      .find((button) => button.text() === 'Cancel')
    await cancel?.trigger('click')
    await flushPromises()

    expect(calls).toContain('DELETE /auth/smart-id/sign-in-7')
    expect(wrapper.find('#smart-id-personal-code').exists()).toBe(true)
    expect(focusedText()).toBe('Sign in with Smart-ID')
    await settle()
    expect(useAnnouncerStore().polite).toBe('Smart-ID sign-in was cancelled.')
  })

  it('checks the personal code before asking the server', async () => {
    const { wrapper, calls } = await mountSmartId({})
    await fillAndSubmit(wrapper, '50001029997')

    expect(calls).not.toContain('POST /auth/smart-id')
    const summary = wrapper.get('.error-summary')
    expect(document.activeElement).toBe(summary.element)
    expect(summary.get('a').attributes('href')).toBe('#smart-id-personal-code')
    expect(wrapper.get('#smart-id-personal-code-error').text()).toContain(
      'This personal code is not valid',
    )
  })

  it('shows a personal code without Smart-ID at the field', async () => {
    const { wrapper } = await mountSmartId({
      'POST /auth/smart-id': {
        status: 400,
        body: { error: { code: 'SMART_ID_ACCOUNT_NOT_FOUND', message: 'x' } },
      },
    })
    await fillAndSubmit(wrapper)
    expect(wrapper.get('#smart-id-personal-code-error').text()).toContain(
      'There is no Smart-ID account for this personal code',
    )
    expect(wrapper.get('.error-summary a').attributes('href')).toBe(
      '#smart-id-personal-code',
    )
  })

  it('explains that Smart-ID cannot be reached', async () => {
    const { wrapper } = await mountSmartId({
      'POST /auth/smart-id': {
        status: 502,
        body: { error: { code: 'SMART_ID_UNAVAILABLE', message: 'x' } },
      },
    })
    await fillAndSubmit(wrapper)
    expect(wrapper.get('.error-summary').text()).toContain(
      'The Smart-ID service cannot be reached right now.',
    )
  })

  it('explains every end result in every language', () => {
    for (const [language, messages] of Object.entries({ en, et, ru })) {
      const results: Record<string, string> = messages.signIn.smartId.results
      for (const result of RESULTS) {
        expect(results[result], `${language}: ${result}`).toBeTruthy()
      }
    }
  })
})
