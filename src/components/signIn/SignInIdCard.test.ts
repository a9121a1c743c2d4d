import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import {
  fakeApi,
  freshPinia,
  sentBodies,
  useLanguage,
  type FakeAnswer,
} from '@/testing/harness'
import SignInIdCard from './SignInIdCard.vue'

const JAAK = {
  personalCode: '38001085718',
  givenName: 'JAAK-KRISTJAN',
  familyName: 'JÕEORG',
  method: 'id-card',
  assurance: 'high',
  idleExpiresAt: '2026-12-03T20:00:00Z',
  expiresAt: '2026-12-04T06:00:00Z',
}

const NONCE = 'a'.repeat(43) + '='
const TOKEN = {
  unverifiedCertificate: 'MIIB',
  algorithm: 'ES256',
  signature: 'AAAA',
  format: 'web-eid:1.0',
}

let wrapper: VueWrapper | undefined
const cleanups: (() => void)[] = []

/** A stand-in for the Web eID extension's content script. */
function extension(answer: Record<string, unknown>): string[] {
  const nonces: string[] = []
  const listener = (event: MessageEvent) => {
    const data = event.data as { action?: string; challengeNonce?: string }
    if (data.action !== 'web-eid:authenticate') return
    nonces.push(data.challengeNonce ?? '')
    for (const reply of [{ action: 'web-eid:authenticate-ack' }, answer]) {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: reply,
          source: window,
          origin: window.location.origin,
        }),
      )
    }
  }
  window.addEventListener('message', listener)
  cleanups.push(() => window.removeEventListener('message', listener))
  return nonces
}

async function mountIdCard(answers: Record<string, FakeAnswer>) {
  fakeApi({
    'GET /session': { body: { user: null } },
    'GET /auth/web-eid/challenge': { body: { nonce: NONCE } },
    ...answers,
  })
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push('/sign-in?redirect=/services/child-benefit')
  wrapper = mount(SignInIdCard, {
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n, router] },
  })
  return { wrapper, router }
}

describe('SignInIdCard', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    for (const cleanup of cleanups.splice(0)) cleanup()
  })

  it('signs the challenge with the card and returns to the page that asked', async () => {
    const nonces = extension({
      action: 'web-eid:authenticate-success',
      ...TOKEN,
    })
    const { wrapper, router } = await mountIdCard({
      'POST /auth/web-eid': { body: { user: JAAK } },
    })
    await wrapper.get('button').trigger('click')
    await flushPromises()

    await vi.waitFor(() => expect(nonces).toEqual([NONCE]))
    await vi.waitFor(() =>
      expect(sentBodies()).toContainEqual({ authToken: TOKEN }),
    )
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe(
        '/services/child-benefit',
      ),
    )
    expect(useSessionStore().displayName).toBe('JAAK-KRISTJAN JÕEORG')
  })

  it('explains the portal’s refusal by its code', async () => {
    extension({ action: 'web-eid:authenticate-success', ...TOKEN })
    const { wrapper } = await mountIdCard({
      'POST /auth/web-eid': {
        status: 401,
        body: { error: { code: 'CERTIFICATE_REVOKED', message: 'x' } },
      },
    })
    await wrapper.get('button').trigger('click')
    await flushPromises()
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain(
        'Your certificate has been revoked. Sign in another way.',
      ),
    )
    expect(wrapper.get('button').text()).toBe('Try again with ID-card')
  })

  it('explains a cancel in the Web eID application', async () => {
    extension({
      action: 'web-eid:authenticate-failure',
      error: { code: 'ERR_WEBEID_USER_CANCELLED' },
    })
    const { wrapper } = await mountIdCard({})
    await wrapper.get('button').trigger('click')
    await flushPromises()
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('You cancelled the ID-card sign-in.'),
    )
  })
})
