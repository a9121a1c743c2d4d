import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../support/databases.ts'
import { citizenSession } from '../support/citizenSession.ts'
import { fixtureModule, TEST_ORIGIN, testApp } from '../support/testApp.ts'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK',
}

const DEMO = {
  personalCode: MARY.personalCode,
  phoneNumber: '+37200000766',
  name: 'Mary',
  note: 'demo',
}

describe.each(testDatabases())('the portal API on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await engine.open()
    app = await testApp(database.db, {
      modules: [await fixtureModule('echo-service')],
      sandbox: { demo: () => [{ ...DEMO, kind: 'citizen' }] },
    })
    // What every sign-in route does once the provider has answered, so
    // the session cookie is tested apart from any one method.
    app.post('/api/test/sign-in', async (request, reply) => {
      await app.signIn(request, reply, {
        ...MARY,
        method: 'mobile-id',
        assurance: 'high',
      })
      return {}
    })
  })
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  it('answers health when the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('reports each dependency on the readiness probe', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health/ready' })
    const body = res.json<{ dependencies: { name: string; ok: boolean }[] }>()
    expect(body.dependencies).toContainEqual(
      expect.objectContaining({ name: 'database', ok: true }),
    )
  })

  it('lists the catalog publicly and lets caches revalidate it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/catalog' })
    expect(res.statusCode).toBe(200)
    expect(res.json().modules.map((m: { id: string }) => m.id)).toEqual([
      'echo-service',
    ])
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('describes core routes and module operations in OpenAPI', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' })
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/catalog',
        '/api/session',
        '/api/services/echo-service/me',
      ]),
    )
  })

  it('sends a strict CSP and the other security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['strict-transport-security']).toBeUndefined()
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('marks personal answers no-store', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/session' })
    expect(res.json()).toEqual({ user: null })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('refuses a state-changing request from another origin', async () => {
    for (const origin of ['https://evil.example', undefined]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: origin ? { origin } : {},
        payload: { page: '/', message: 'hi', language: 'en' },
      })
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('CROSS_ORIGIN_REFUSED')
    }
  })

  it('answers malformed JSON on every state-changing route with 400', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>
    }>()
    const calls = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map(
          (m) => [m.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x')] as const,
        ),
    )
    expect(calls.length).toBeGreaterThan(2)
    for (const [method, url] of calls) {
      const res = await app.inject({
        method,
        url,
        headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
        payload: '{"broken": ',
      })
      expect(res.statusCode, `${method} ${url}`).toBe(400)
      expect(res.json().error.code, `${method} ${url}`).toBe('BAD_JSON')
    }
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/no/such/thing' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('refuses a body that is too large, or not JSON', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
      payload: JSON.stringify({ message: 'x'.repeat(100_000) }),
    })
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('BODY_TOO_LARGE')

    const text = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { origin: TEST_ORIGIN, 'content-type': 'text/plain' },
      payload: 'hello',
    })
    expect(text.statusCode).toBe(415)
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('validates feedback and stores what is valid', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { origin: TEST_ORIGIN },
      payload: { page: '/', message: '   ', language: 'xx' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')

    const good = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { origin: TEST_ORIGIN },
      payload: {
        page: '/settings',
        message: 'Contrast is low',
        language: 'et',
      },
    })
    expect(good.statusCode).toBe(201)
    const rows = await database.db.selectFrom('feedback').selectAll().execute()
    expect(rows.map((r) => r.message)).toEqual(['Contrast is low'])
  })

  it('keeps module operations behind sign-in', async () => {
    const res = await app.inject({ url: '/api/services/echo-service/me' })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('SIGN_IN_REQUIRED')
  })

  it('sets an HttpOnly, SameSite=Strict session cookie, a new id each time', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/api/test/sign-in',
      headers: { origin: TEST_ORIGIN },
    })
    expect(first.statusCode).toBe(200)
    const cookie = first.cookies.find((c) => c.name === 'portal_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Strict')
    expect(cookie?.path).toBe('/')

    const again = await app.inject({
      method: 'POST',
      url: '/api/test/sign-in',
      headers: { origin: TEST_ORIGIN },
      cookies: { portal_session: cookie?.value ?? '' },
    })
    const second = again.cookies.find((c) => c.name === 'portal_session')
    expect(second?.value).not.toBe(cookie?.value)
    const old = await app.inject({
      url: '/api/session',
      cookies: { portal_session: cookie?.value ?? '' },
    })
    expect(old.json()).toEqual({ user: null })
  })

  it('lists the sandbox residents to sign in as, with their own numbers', async () => {
    const res = await app.inject({ url: '/api/sandbox/identities' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ identities: [DEMO] })
  })

  it('hands module operations the signed-in citizen', async () => {
    const me = await app.inject({
      url: '/api/services/echo-service/me',
      cookies: await citizenSession(database.db, MARY),
    })
    expect(me.json()).toEqual({ personalCode: MARY.personalCode })
  })

  it('refuses an X-Road service the module did not declare', async () => {
    const res = await app.inject({
      url: '/api/services/echo-service/undeclared',
      cookies: await citizenSession(database.db, MARY),
    })
    expect(res.json().error.code).toBe('SERVICE_NOT_DECLARED')
  })

  it('signs out on the server', async () => {
    const cookies = await citizenSession(database.db, MARY)
    const value = cookies.portal_session ?? ''
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { origin: TEST_ORIGIN },
      cookies: { portal_session: value },
    })
    expect(out.statusCode).toBe(204)
    const after = await app.inject({
      url: '/api/session',
      cookies: { portal_session: value },
    })
    expect(after.json()).toEqual({ user: null })
  })
})
