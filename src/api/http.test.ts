import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeApiError } from './errors'
import { fakeApi } from '@/testing/harness'
import { http, observeHttp } from './http'

describe('http', () => {
  let stop: () => void = () => {}
  afterEach(() => stop())

  function watch() {
    const observer = {
      reachable: vi.fn(),
      unreachable: vi.fn(),
      signInRequired: vi.fn(),
      sessionIdleExpiresIn: vi.fn(),
    }
    stop = observeHttp(observer)
    return observer
  }

  it('talks JSON to /api on the portal’s own origin', () => {
    expect(http.defaults.baseURL).toBe('/api')
    expect(http.defaults.timeout).toBeGreaterThan(0)
    expect(http.defaults.withCredentials).toBeFalsy()
  })

  it('reports the server reachable when it answers, even with an error', async () => {
    fakeApi({
      'GET /catalog': { body: { modules: [] } },
      'GET /wallet': {
        status: 403,
        body: { error: { code: 'X', message: '' } },
      },
    })
    const observer = watch()
    await http.get('/catalog')
    await http.get('/wallet').catch(() => undefined)
    expect(observer.reachable).toHaveBeenCalledTimes(2)
    expect(observer.unreachable).not.toHaveBeenCalled()
  })

  it('reports the server unreachable when no answer comes', async () => {
    fakeApi({})
    const observer = watch()
    const error = await http.get('/session').catch((e: unknown) => e)
    expect(observer.unreachable).toHaveBeenCalledOnce()
    expect(describeApiError(error).code).toBe('NETWORK_ERROR')
  })

  it('tells the shell when the server says sign-in is needed', async () => {
    fakeApi({
      'GET /wallet': {
        status: 401,
        body: { error: { code: 'SIGN_IN_REQUIRED', message: '' } },
      },
    })
    const observer = watch()
    await http.get('/wallet').catch(() => undefined)
    expect(observer.signInRequired).toHaveBeenCalledOnce()
  })

  it('passes on how long the session lasts idle, from answers that say so', async () => {
    fakeApi({
      'GET /session': {
        body: { user: null },
        headers: { 'x-session-idle-expires-in': '840' },
      },
      'GET /catalog': { body: { modules: [] } },
      'GET /odd': {
        body: {},
        headers: { 'x-session-idle-expires-in': 'soon' },
      },
    })
    const observer = watch()
    await http.get('/session')
    await http.get('/catalog')
    await http.get('/odd')
    expect(observer.sessionIdleExpiresIn).toHaveBeenCalledOnce()
    expect(observer.sessionIdleExpiresIn).toHaveBeenCalledWith(840)
  })
})
