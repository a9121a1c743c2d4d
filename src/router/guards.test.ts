import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import {
  fakeApi,
  freshPinia,
  sessionUser,
  useLanguage,
} from '@/testing/harness'
import type { AssuranceLevel } from '@common/catalog/manifest'
import { safeRedirect } from './guards'
import { createAppRouter } from './index'

const user = (assurance: AssuranceLevel) => ({
  body: { user: sessionUser({ assurance }) },
})

function router() {
  return createAppRouter(fixtureCatalog(), createMemoryHistory())
}

describe('sign-in guard', () => {
  beforeEach(async () => {
    freshPinia()
    await useLanguage('en')
  })

  it('sends a visitor who is not signed in to sign-in, with the way back', async () => {
    fakeApi({ 'GET /session': { body: { user: null } } })
    const r = router()
    await r.push('/services/child-benefit/payments/2026?tab=all')
    expect(r.currentRoute.value.name).toBe('sign-in')
    expect(r.currentRoute.value.query.redirect).toBe(
      '/services/child-benefit/payments/2026?tab=all',
    )
  })

  it('lets a signed-in citizen with enough assurance through', async () => {
    fakeApi({ 'GET /session': user('substantial') })
    const r = router()
    await r.push('/services/child-benefit')
    expect(r.currentRoute.value.meta.moduleId).toBe('child-benefit')
  })

  it('asks for a stronger sign-in when the assurance is too low', async () => {
    fakeApi({ 'GET /session': user('low') })
    const r = router()
    await r.push('/services/child-benefit')
    expect(r.currentRoute.value.name).toBe('sign-in')
    expect(r.currentRoute.value.query.reason).toBe('assurance')
  })

  it('treats an unreachable server as not signed in', async () => {
    fakeApi({})
    const r = router()
    await r.push('/services/child-benefit')
    expect(r.currentRoute.value.name).toBe('sign-in')
  })

  it('leaves public shell pages open without asking the server', async () => {
    const calls = fakeApi({})
    const r = router()
    await r.push('/settings')
    expect(r.currentRoute.value.name).toBe('settings')
    expect(calls).toEqual([])
  })
})

describe('safeRedirect', () => {
  it('accepts paths inside the portal only', () => {
    expect(safeRedirect('/services/tax?x=1')).toBe('/services/tax?x=1')
    expect(safeRedirect('//evil.example/')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example/')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(['/settings'])).toBe('/settings')
  })
})
