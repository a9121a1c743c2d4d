import { flushPromises, mount } from '@vue/test-utils'
import {
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest'
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
} from '@/testing/harness'
import SessionIdleWarning from './SessionIdleWarning.vue'

beforeAll(() => useLanguage('en'))

const SECOND = 1000

async function setUp(idleSeconds: number) {
  const pinia = freshPinia()
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  fakeApi({ 'GET /session': { body: { user: sessionUser() } } })
  await router.push('/')
  const session = useSessionStore()
  await session.ensureLoaded()
  session.noteIdleExpiresIn(idleSeconds)
  const wrapper = mount(SessionIdleWarning, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router] },
  })
  return { wrapper, session, router }
}

describe('SessionIdleWarning', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('stays closed while the session has more than two minutes left', async () => {
    const { wrapper } = await setUp(5 * 60)
    vi.advanceTimersByTime(2 * 60 * SECOND)
    await flushPromises()
    expect(wrapper.get('dialog').element.open).toBe(false)
  })

  it('opens two minutes before the end with focus on staying', async () => {
    const { wrapper } = await setUp(5 * 60)
    vi.advanceTimersByTime(3 * 60 * SECOND + SECOND)
    await flushPromises()
    const dialog = wrapper.get('dialog')
    expect(dialog.element.open).toBe(true)
    expect(dialog.attributes('role')).toBe('alertdialog')
    expect(dialog.text()).toContain('Do you want to stay signed in?')
    expect(dialog.text()).toMatch(/1:59 left/)
    expect(document.activeElement?.textContent?.trim()).toBe('Stay signed in')
  })

  it('keeps the session when asked, and closes', async () => {
    const { wrapper, session } = await setUp(60)
    vi.advanceTimersByTime(SECOND)
    await flushPromises()
    expect(wrapper.get('dialog').element.open).toBe(true)

    const calls = fakeApi({
      'POST /session/extend': {
        body: { user: sessionUser() },
        headers: { 'x-session-idle-expires-in': '900' },
      },
    })
    session.noteIdleExpiresIn(900)
    await wrapper.get('dialog button').trigger('click')
    vi.advanceTimersByTime(SECOND)
    await flushPromises()
    expect(calls).toEqual(['POST /session/extend'])
    expect(wrapper.get('dialog').element.open).toBe(false)
    expect(session.signedIn).toBe(true)
  })

  it('says why when the session could not be kept', async () => {
    const { wrapper } = await setUp(60)
    vi.advanceTimersByTime(SECOND)
    await flushPromises()
    fakeApi({
      'POST /session/extend': {
        status: 401,
        body: { error: { code: 'SIGN_IN_REQUIRED', message: '' } },
      },
    })
    await wrapper.get('dialog button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain(
      'Your session could not be kept.',
    )
  })

  it('forgets the visit when the time runs out, and says so', async () => {
    const { wrapper, session } = await setUp(30)
    vi.advanceTimersByTime(31 * SECOND)
    await flushPromises()
    expect(session.signedIn).toBe(false)
    expect(wrapper.get('dialog').element.open).toBe(false)
    expect(wrapper.text()).toContain(
      'You were signed out because nothing happened for 15 minutes.',
    )
    expect(wrapper.get('a').text()).toBe('Sign in again')
  })
})
