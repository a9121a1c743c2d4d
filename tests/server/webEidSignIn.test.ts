import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHALLENGE_LIFETIME_MS } from '../../server/auth/webEid/challenges.ts'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { createOcspChecker } from '../../server/eid/ocsp/ocspClient.ts'
import { parseTrustAnchors } from '../../server/eid/trustAnchors.ts'
import type { AuthToken } from '../../server/eid/webEid/authToken.ts'
import { startPortal } from '../../server/main.ts'
import {
  CERTIFICATE_POLICIES,
  CertificateAuthority,
} from '../../sandbox/ca/certificateAuthority.ts'
import {
  buildOcspResponder,
  OCSP_PATH,
} from '../../sandbox/ca/ocspResponder.ts'
import { migrateSandbox } from '../../sandbox/db/migrate.ts'
import { TestIdCard } from '../../sandbox/idCard/testIdCard.ts'
import {
  startIdentityServices,
  type IdentityServices,
} from '../../sandbox/identityServices.ts'
import { testDatabases } from '../support/databases.ts'
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'

type Cookies = Record<string, string>

function cookiesOf(
  response: { cookies: { name: string; value: string }[] },
  previous: Cookies = {},
): Cookies {
  const next = { ...previous }
  for (const c of response.cookies) next[c.name] = c.value
  return next
}

async function challenge(app: FastifyInstance, cookies: Cookies = {}) {
  const response = await app.inject({
    url: '/api/auth/web-eid/challenge',
    cookies,
  })
  return {
    response,
    nonce: response.json<{ nonce: string }>().nonce,
    cookies: cookiesOf(response, cookies),
  }
}

async function answer(
  app: FastifyInstance,
  authToken: unknown,
  cookies: Cookies,
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/web-eid',
    headers: { origin: TEST_ORIGIN },
    cookies,
    payload: { authToken },
  })
  return { response, cookies: cookiesOf(response, cookies) }
}

const JAAK = {
  personalCode: '38001085718',
  givenName: 'JAAK-KRISTJAN',
  familyName: 'JÕEORG',
}

const DAY = 86_400_000

describe.each(testDatabases())('ID-card sign-in on $name', (engine) => {
  let database: PortalDatabase
  let identity: IdentityServices
  let app: FastifyInstance

  const portalWith = (
    options: { rateLimit?: number; clock?: () => Date; anchors?: string } = {},
  ) =>
    testApp(database.db, {
      clock: options.clock,
      webEid: {
        trustAnchors: parseTrustAnchors(
          options.anchors ?? identity.ca.issuingPem,
        ),
        ocsp: createOcspChecker({ timeoutMs: 2000 }),
        rateLimit: options.rateLimit ?? 1000,
      },
    })

  /** A fresh challenge, answered by the card for the portal's origin. */
  const signInWith = async (
    card: TestIdCard,
    portal = app,
    origin = TEST_ORIGIN,
  ) => {
    const started = await challenge(portal)
    return answer(
      portal,
      card.authenticate(started.nonce, origin),
      started.cookies,
    )
  }

  const refusal = (response: { statusCode: number; json(): unknown }) => ({
    status: response.statusCode,
    code: (response.json() as { error?: { code: string } }).error?.code,
  })

  beforeAll(async () => {
    database = await engine.open()
    await migrateSandbox(database.db as Kysely<unknown>)
    identity = await startIdentityServices({
      db: database.db as Kysely<unknown>,
      log: pino({ level: 'silent' }),
    })
    app = await portalWith()
  }, 120_000)

  afterAll(async () => {
    await app.close()
    for (const server of identity.servers) await server.close()
    await database.close()
  })

  it('gives a 44-character base64 nonce of 32 bytes, new every time', async () => {
    const first = await challenge(app)
    const second = await challenge(app, first.cookies)
    expect(first.response.statusCode).toBe(200)
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(first.nonce, 'base64')).toHaveLength(32)
    expect(second.nonce).not.toBe(first.nonce)
    expect(first.cookies.portal_pre_sign_in).toBeTruthy()
    expect(first.response.headers['cache-control']).toBe('no-store')
  })

  it('signs a citizen in with a sandbox ID-card and a new session id', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const first = await signInWith(card)
    expect(first.response.statusCode).toBe(200)
    const user = first.response.json().user
    expect(user).toMatchObject({
      personalCode: JAAK.personalCode,
      givenName: JAAK.givenName,
      familyName: JAAK.familyName,
      method: 'id-card',
      assurance: 'high',
    })
    const before = first.cookies.portal_session
    expect(before).toBeTruthy()

    const started = await challenge(app, first.cookies)
    const second = await answer(
      app,
      card.authenticate(started.nonce, TEST_ORIGIN),
      started.cookies,
    )
    const after = second.cookies.portal_session
    expect(after).toBeTruthy()
    expect(after).not.toBe(before)
    const old = await app.inject({
      url: '/api/session',
      cookies: { portal_session: before ?? '' },
    })
    expect(old.json()).toEqual({ user: null })
    const current = await app.inject({
      url: '/api/session',
      cookies: { portal_session: after ?? '' },
    })
    expect(current.json().user.method).toBe('id-card')
  })

  it('refuses a replayed token: the nonce was used', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const started = await challenge(app)
    const token = card.authenticate(started.nonce, TEST_ORIGIN)
    const first = await answer(app, token, started.cookies)
    expect(first.response.statusCode).toBe(200)
    const replay = await answer(app, token, started.cookies)
    expect(refusal(replay.response)).toEqual({
      status: 401,
      code: 'NONCE_INVALID',
    })
    expect(replay.response.cookies).toHaveLength(0)
  })

  it('refuses a token over an earlier nonce once a new one was given', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const old = await challenge(app)
    const fresh = await challenge(app, old.cookies)
    const { response } = await answer(
      app,
      card.authenticate(old.nonce, TEST_ORIGIN),
      fresh.cookies,
    )
    expect(refusal(response)).toEqual({
      status: 401,
      code: 'SIGNATURE_INVALID',
    })
    // The refused attempt used up the fresh nonce too.
    const again = await answer(
      app,
      card.authenticate(fresh.nonce, TEST_ORIGIN),
      fresh.cookies,
    )
    expect(refusal(again.response).code).toBe('NONCE_INVALID')
  })

  it('keeps a nonce bound to the browser it was given to', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const mine = await challenge(app)
    const token = card.authenticate(mine.nonce, TEST_ORIGIN)
    const stranger = await answer(app, token, {})
    expect(refusal(stranger.response).code).toBe('NONCE_INVALID')
    const other = await challenge(app)
    const crossed = await answer(app, token, other.cookies)
    expect(refusal(crossed.response).code).toBe('SIGNATURE_INVALID')
    const own = await answer(app, token, mine.cookies)
    expect(own.response.statusCode).toBe(200)
  })

  it('refuses a nonce older than five minutes', async () => {
    let now = new Date()
    const portal = await portalWith({ clock: () => now })
    try {
      const card = await TestIdCard.issue(identity.ca, JAAK)
      const started = await challenge(portal)
      now = new Date(now.getTime() + CHALLENGE_LIFETIME_MS + 1000)
      const { response } = await answer(
        portal,
        card.authenticate(started.nonce, TEST_ORIGIN),
        started.cookies,
      )
      expect(refusal(response)).toEqual({ status: 401, code: 'NONCE_INVALID' })
    } finally {
      await portal.close()
    }
  })

  it('refuses a token signed for another origin', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    for (const origin of ['https://evil.example', `${TEST_ORIGIN}/`]) {
      const { response } = await signInWith(card, app, origin)
      expect(refusal(response)).toEqual({
        status: 401,
        code: 'SIGNATURE_INVALID',
      })
    }
  })

  it.each([
    [
      'an expired certificate',
      { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') },
      'CERTIFICATE_EXPIRED',
    ],
    [
      'a certificate not valid yet',
      {
        notBefore: new Date(Date.now() + DAY),
        notAfter: new Date(Date.now() + 2 * DAY),
      },
      'CERTIFICATE_NOT_YET_VALID',
    ],
    [
      'a Mobile-ID certificate',
      { policy: CERTIFICATE_POLICIES['mobile-id'] },
      'CERTIFICATE_POLICY_REFUSED',
    ],
    [
      'a certificate not meant for authentication',
      { notForAuthentication: true },
      'CERTIFICATE_NOT_FOR_AUTHENTICATION',
    ],
  ])('refuses %s', async (_, options, code) => {
    const card = await TestIdCard.issue(identity.ca, JAAK, options)
    const { response } = await signInWith(card)
    expect(refusal(response)).toEqual({ status: 401, code })
  })

  it('refuses a card from a CA the portal does not trust', async () => {
    const untrusted = await CertificateAuthority.create({ name: 'Untrusted' })
    const card = await TestIdCard.issue(untrusted, JAAK)
    const { response } = await signInWith(card)
    expect(refusal(response)).toEqual({
      status: 401,
      code: 'CERTIFICATE_UNTRUSTED',
    })
  })

  it('refuses a revoked card, as its CA’s OCSP responder says', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    expect((await signInWith(card)).response.statusCode).toBe(200)
    await identity.ca.revoke(card.serial)
    const { response } = await signInWith(card)
    expect(refusal(response)).toEqual({
      status: 401,
      code: 'CERTIFICATE_REVOKED',
    })
  })

  it('fails closed when the OCSP responder is stopped', async () => {
    const ca = await CertificateAuthority.create({ name: 'Stopped' })
    const responder = buildOcspResponder({
      ca,
      log: pino({ level: 'silent' }),
    })
    await responder.listen({ port: 0, host: '127.0.0.1' })
    const address = responder.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    ca.useOcspResponder(`http://127.0.0.1:${port}${OCSP_PATH}`)
    const portal = await portalWith({ anchors: ca.issuingPem })
    try {
      const card = await TestIdCard.issue(ca, JAAK)
      const first = (await signInWith(card, portal)).response
      expect(refusal(first)).toEqual({ status: 200, code: undefined })
      await responder.close()
      const { response } = await signInWith(card, portal)
      expect(refusal(response)).toEqual({
        status: 502,
        code: 'OCSP_UNAVAILABLE',
      })
      expect(response.cookies).toHaveLength(0)
    } finally {
      await portal.close()
    }
  })

  it.each([
    ['no token', {}, 'VALIDATION_FAILED'],
    ['a token that is a string', { authToken: 'web-eid' }, 'VALIDATION_FAILED'],
    ['a token without fields', { authToken: {} }, 'VALIDATION_FAILED'],
  ])('answers 400 for %s', async (_, payload, code) => {
    const started = await challenge(app)
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/web-eid',
      headers: { origin: TEST_ORIGIN },
      cookies: started.cookies,
      payload,
    })
    expect(refusal(response)).toEqual({ status: 400, code })
  })

  it.each([
    ['format web-eid:2', { format: 'web-eid:2' }],
    ['algorithm none', { algorithm: 'none' }],
    ['a certificate that is not base64', { unverifiedCertificate: '%%' }],
  ])('answers TOKEN_INVALID for %s', async (_, change) => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const started = await challenge(app)
    const token: AuthToken = card.authenticate(started.nonce, TEST_ORIGIN)
    const { response } = await answer(
      app,
      { ...token, ...change },
      started.cookies,
    )
    expect(refusal(response)).toEqual({ status: 400, code: 'TOKEN_INVALID' })
  })

  it('answers garbage in the certificate and signature with a 4xx', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    for (const change of [
      { unverifiedCertificate: 'AAAA' },
      { signature: 'AAAA' },
      { signature: Buffer.alloc(300, 1).toString('base64') },
    ]) {
      const started = await challenge(app)
      const token = card.authenticate(started.nonce, TEST_ORIGIN)
      const { response } = await answer(
        app,
        { ...token, ...change },
        started.cookies,
      )
      expect(response.statusCode).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
    }
  })

  it('refuses a token posted from another origin', async () => {
    const card = await TestIdCard.issue(identity.ca, JAAK)
    const started = await challenge(app)
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/web-eid',
      headers: { origin: 'https://evil.example' },
      cookies: started.cookies,
      payload: { authToken: card.authenticate(started.nonce, TEST_ORIGIN) },
    })
    expect(refusal(response)).toEqual({
      status: 403,
      code: 'CROSS_ORIGIN_REFUSED',
    })
  })

  it('limits challenges per client IP with Retry-After', async () => {
    const minute = new Date('2030-01-01T10:00:30Z')
    const limited = await portalWith({ rateLimit: 2, clock: () => minute })
    const address = engine.name === 'pglite' ? '10.9.0.1' : '10.9.0.2'
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) {
        const response = await limited.inject({
          url: '/api/auth/web-eid/challenge',
          remoteAddress: address,
        })
        statuses.push(response.statusCode)
        if (i === 2) {
          expect(response.json().error.code).toBe('RATE_LIMITED')
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
        }
      }
      expect(statuses).toEqual([200, 200, 429])
    } finally {
      await limited.close()
    }
  })

  it('describes the ID-card routes in the OpenAPI document', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/web-eid/challenge',
        '/api/auth/web-eid',
      ]),
    )
  })
})

describe('ID-card sign-in in the started portal', () => {
  it('signs in over HTTP with the sandbox CA, its OCSP responder on a free port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-webeid-'))
    const portal = await startPortal({
      ...ALL_ON_FREE_PORTS,
      DATA_DIR: dataDir,
      DIST_DIR: '/nonexistent',
      SANDBOX: 'on',
      SANDBOX_SCENARIO_SIZE: '0',
      LOG_LEVEL: 'silent',
    })
    try {
      const ca = portal.sandbox?.identity.ca
      if (!ca) throw new Error('the sandbox did not start')
      expect(portal.sandbox?.identity.ocspUrl).not.toMatch(/:8085\//)
      const card = await TestIdCard.issue(ca, JAAK)
      const base = portal.url
      const origin = portal.config.publicOrigin

      const started = await fetch(`${base}/api/auth/web-eid/challenge`)
      expect(started.status).toBe(200)
      const { nonce } = (await started.json()) as { nonce: string }
      const preSignIn = (started.headers.get('set-cookie') ?? '').split(';')[0]
      const signedIn = await fetch(`${base}/api/auth/web-eid`, {
        method: 'POST',
        headers: {
          origin,
          cookie: preSignIn ?? '',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ authToken: card.authenticate(nonce, origin) }),
      })
      expect(signedIn.status).toBe(200)
      const body = (await signedIn.json()) as { user: { method: string } }
      expect(body.user.method).toBe('id-card')

      const ready = await fetch(`${base}/api/health/ready`)
      expect(JSON.stringify(await ready.json())).toContain('ocsp')
    } finally {
      await portal.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
