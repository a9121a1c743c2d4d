import { defineStore } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { fakeApi, freshPinia, sessionUser } from '@/testing/harness'
import { useSettingsStore } from './settings'
import { assuranceSuffices, useSessionStore } from './session'

const MARI = sessionUser()

/** Stands for a service module's store with personal data. */
const useWalletStore = defineStore('wallet', () => {
  const balance = ref<number | null>(null)
  return { balance }
})

describe('useSessionStore', () => {
  beforeEach(() => {
    freshPinia()
    sessionStorage.clear()
  })

  it('asks the server once and shares the answer', async () => {
    const calls = fakeApi({ 'GET /session': { body: { user: MARI } } })
    const session = useSessionStore()
    await Promise.all([session.ensureLoaded(), session.ensureLoaded()])
    await session.ensureLoaded()
    expect(calls).toEqual(['GET /session'])
    expect(session.displayName).toBe('Mari Maasikas')
  })

  it('takes the citizen a completed sign-in answered with, asking nothing', async () => {
    const calls = fakeApi({ 'GET /session': 'network' })
    const session = useSessionStore()
    await session.ensureLoaded()
    expect(session.status).toBe('failed')

    session.acceptSignIn(MARI)
    expect(session.signedIn).toBe(true)
    expect(session.status).toBe('ready')
    expect(session.problem).toBeNull()
    await session.ensureLoaded()
    expect(calls).toEqual(['GET /session'])
  })

  it('on sign-out clears personal stores, session storage and API caches', async () => {
    fakeApi({
      'GET /session': { body: { user: MARI } },
      'DELETE /session': { status: 204 },
    })
    const deleted: string[] = []
    const cache = {
      keys: async () => [
        new Request('http://localhost/api/catalog'),
        new Request('http://localhost/assets/index.js'),
      ],
      delete: async (request: Request) => deleted.push(request.url),
    }
    vi.stubGlobal('caches', {
      keys: async () => ['api-catalog'],
      open: async () => cache,
    })

    const session = useSessionStore()
    await session.ensureLoaded()
    const wallet = useWalletStore()
    wallet.balance = 120
    useSettingsStore().setTheme('dark')
    sessionStorage.setItem('draft', 'x')

    await session.signOut()
    expect(session.user).toBeNull()
    expect(wallet.balance).toBeNull()
    expect(useSettingsStore().theme).toBe('dark')
    expect(sessionStorage.length).toBe(0)
    expect(deleted).toEqual(['http://localhost/api/catalog'])
    vi.unstubAllGlobals()
  })

  it('keeps everything when the server could not sign out', async () => {
    fakeApi({ 'GET /session': { body: { user: MARI } } })
    const session = useSessionStore()
    await session.ensureLoaded()
    await expect(session.signOut()).rejects.toThrow()
    expect(session.user?.givenName).toBe('Mari')
  })
})

describe('assuranceSuffices', () => {
  it('ranks none < low < substantial < high', () => {
    expect(assuranceSuffices('high', 'substantial')).toBe(true)
    expect(assuranceSuffices('substantial', 'substantial')).toBe(true)
    expect(assuranceSuffices('low', 'substantial')).toBe(false)
  })
})
