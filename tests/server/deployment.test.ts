import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../support/databases.ts'
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'

describe.each(testDatabases())('production settings on $name', (engine) => {
  let database: PortalDatabase
  beforeAll(async () => {
    database = await engine.open()
  })
  afterAll(() => database.close())

  it('lists no sandbox residents and replays no scenario without the sandbox', async () => {
    const app = await testApp(database.db)
    const identities = await app.inject({ url: '/api/sandbox/identities' })
    expect(identities.statusCode).toBe(404)
    const scenario = await app.inject({
      method: 'POST',
      url: '/api/sandbox/scenario',
      headers: { origin: TEST_ORIGIN },
    })
    expect(scenario.statusCode).toBe(404)
    await app.close()
  })

  it('honours X-Forwarded-* only with TRUST_PROXY', async () => {
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.7',
    }
    const plain = await testApp(database.db)
    plain.get('/api/test/ip', async (request) => ({ ip: request.ip }))
    const direct = await plain.inject({
      url: '/api/test/ip',
      headers: forwarded,
    })
    expect(direct.json().ip).not.toBe('203.0.113.7')
    expect(direct.headers['strict-transport-security']).toBeUndefined()
    await plain.close()

    const proxied = await testApp(database.db, {
      config: {
        publicOrigin: TEST_ORIGIN,
        trustProxy: true,
        distDir: '/nonexistent',
      },
    })
    proxied.get('/api/test/ip', async (request) => ({ ip: request.ip }))
    const res = await proxied.inject({
      url: '/api/test/ip',
      headers: forwarded,
    })
    expect(res.json().ip).toBe('203.0.113.7')
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    await proxied.close()
  })

  it('sends HSTS and Secure cookies when served over HTTPS', async () => {
    const app = await testApp(database.db, {
      config: {
        publicOrigin: 'https://portal.example.ee',
        trustProxy: false,
        distDir: '/nonexistent',
      },
    })
    // What every sign-in route does once the provider has answered.
    app.post('/api/test/sign-in', async (request, reply) => {
      await app.signIn(request, reply, {
        personalCode: '60001019906',
        givenName: 'A',
        familyName: 'B',
        method: 'mobile-id',
        assurance: 'high',
      })
      return {}
    })
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/sign-in',
      headers: { origin: 'https://portal.example.ee' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['strict-transport-security']).toBeDefined()
    const cookie = res.cookies[0]
    expect(cookie?.name).toBe('__Host-portal_session')
    expect(cookie?.secure).toBe(true)
    await app.close()
  })
})
