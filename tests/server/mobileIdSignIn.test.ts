import { p256 } from '@noble/curves/nist.js'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePersonalCode } from '../../common/personalCode.ts'
import { createMobileIdClient } from '../../server/auth/mobileId/mobileIdClient.ts'
import { verificationCode } from '../../server/auth/mobileId/verificationCode.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { createOcspChecker } from '../../server/eid/ocsp/ocspClient.ts'
import { parseTrustAnchors } from '../../server/eid/trustAnchors.ts'
import {
  CertificateAuthority,
  type IssuedCertificate,
} from '../../sandbox/ca/certificateAuthority.ts'
import { migrateSandbox } from '../../sandbox/db/migrate.ts'
import {
  startIdentityServices,
  type IdentityServices,
} from '../../sandbox/identityServices.ts'
import {
  listResidents,
  seedPopulation,
} from '../../sandbox/population/store.ts'
import { testDatabases } from '../support/databases.ts'
import {
  expectCancelForgets,
  expectDemoOutcome,
  expectNewSession,
  expectUnknownElsewhere,
  listenOnLoopback,
  pollToEnd as pollPhoneSignIn,
  startSignIn as startPhoneSignIn,
  type Cookies,
} from '../support/phoneSignIn.ts'
import { testApp } from '../support/testApp.ts'
import { readVector } from '../support/vectors.ts'

interface DemoNumbers {
  identities: { phoneNumber: string; personalCode: string; result: string }[]
}
const { identities } = readVector<DemoNumbers>('mobile-id/demo-numbers.json')

const PATH = '/api/auth/mobile-id'

function startSignIn(
  app: FastifyInstance,
  body: { phoneNumber: string; personalCode: string },
  cookies: Cookies = {},
  remoteAddress = '127.0.0.1',
) {
  return startPhoneSignIn(app, PATH, body, cookies, remoteAddress)
}

function pollToEnd(app: FastifyInstance, id: string, cookies: Cookies) {
  return pollPhoneSignIn(app, PATH, id, cookies)
}

/** A Mobile-ID service that answers OK with whatever the test decides. */
async function standIn(
  answer: (hash: Buffer) => Promise<Record<string, unknown>>,
) {
  const sent: Buffer[] = []
  const app = Fastify()
  app.post<{ Body: { hash: string } }>(
    '/mid-api/authentication',
    async (req) => {
      sent.push(Buffer.from(req.body.hash, 'base64'))
      return { sessionID: String(sent.length - 1) }
    },
  )
  app.get<{ Params: { id: string } }>(
    '/mid-api/authentication/session/:id',
    async (req) => answer(sent[Number(req.params.id)] ?? Buffer.alloc(32)),
  )
  return { app, sent, url: `${await listenOnLoopback(app)}/mid-api` }
}

function signedBy(issued: IssuedCertificate, hash: Uint8Array) {
  const d = new Uint8Array(Buffer.from(issued.privateKey.d ?? '', 'base64url'))
  return {
    state: 'COMPLETE',
    result: 'OK',
    signature: {
      value: Buffer.from(p256.sign(hash, d, { prehash: false })).toString(
        'base64',
      ),
      algorithm: 'SHA256WithECEncryption',
    },
    cert: Buffer.from(issued.certificate.rawData).toString('base64'),
  }
}

const MARY = { phoneNumber: '+37200000766', personalCode: '60001019906' }

describe.each(testDatabases())('Mobile-ID sign-in on $name', (engine) => {
  let database: PortalDatabase
  let identity: IdentityServices
  let app: FastifyInstance
  let resident: { phoneNumber: string; personalCode: string }

  const portalWith = (url: string, rateLimit = 1000, clock?: () => Date) =>
    testApp(database.db, {
      clock,
      mobileId: {
        provider: createMobileIdClient({
          url,
          rpUuid: '00000000-0000-0000-0000-000000000000',
          rpName: 'DEMO',
        }),
        trustAnchors: parseTrustAnchors(identity.ca.issuingPem),
        ocsp: createOcspChecker({ timeoutMs: 2000 }),
        rateLimit,
      },
    })

  beforeAll(async () => {
    database = await engine.open()
    await migrateSandbox(database.db as Kysely<unknown>)
    await seedPopulation(database.db as Kysely<unknown>, new Date())
    const everyone = await listResidents(database.db as Kysely<unknown>)
    const demoCodes = new Set(identities.map((i) => i.personalCode))
    const someone = everyone.find((r) => !demoCodes.has(r.personalCode))
    if (!someone) throw new Error('the sandbox population is empty')
    resident = someone
    identity = await startIdentityServices({
      db: database.db as Kysely<unknown>,
      log: pino({ level: 'silent' }),
      confirmDelayMs: 50,
    })
    app = await portalWith(identity.mobileIdUrl)
  }, 120_000)

  afterAll(async () => {
    await app.close()
    for (const server of identity.servers) await server.close()
    await database.close()
  })

  it.each(identities)(
    'answers $result for the demo number $phoneNumber',
    async (demo) => {
      const started = await startSignIn(app, demo)
      expect(started.response.statusCode).toBe(200)
      expect(started.code).toMatch(/^\d{4}$/)
      const { body } = await pollToEnd(app, started.id, started.cookies)
      expectDemoOutcome(body, demo, 'mobile-id')
    },
  )

  it('signs a sandbox resident in with their own number and a new session id', async () => {
    const first = await startSignIn(app, MARY)
    const mary = await pollToEnd(app, first.id, first.cookies)
    const second = await startSignIn(app, resident, mary.cookies)
    const signedIn = await pollToEnd(app, second.id, second.cookies)
    expect(signedIn.body.result).toBe('OK')
    expect(signedIn.body.user?.personalCode).toBe(resident.personalCode)
    await expectNewSession(
      app,
      mary.cookies.portal_session,
      signedIn.cookies.portal_session,
      resident.personalCode,
    )
  })

  it('answers NOT_MID_CLIENT for a number with another person’s code', async () => {
    const started = await startSignIn(app, {
      phoneNumber: resident.phoneNumber,
      personalCode: MARY.personalCode,
    })
    const { body } = await pollToEnd(app, started.id, started.cookies)
    expect(body.result).toBe('NOT_MID_CLIENT')
  })

  it('keeps a sign-in unknown to another browser', async () => {
    const started = await startSignIn(app, MARY)
    const other = await startSignIn(app, MARY)
    await expectUnknownElsewhere(app, PATH, started, other)
  })

  it('forgets a cancelled sign-in', async () => {
    await expectCancelForgets(app, PATH, await startSignIn(app, MARY))
  })

  it.each([
    ['+37251', 'PHONE_NUMBER_INVALID'],
    ['37200000766', 'PHONE_NUMBER_INVALID'],
    ['+4915112345678', 'PHONE_NUMBER_INVALID'],
  ])('refuses the phone number %s with %s', async (phoneNumber, code) => {
    const { response } = await startSignIn(app, { ...MARY, phoneNumber })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe(code)
  })

  it('refuses a personal code with a wrong check digit', async () => {
    const { response } = await startSignIn(app, {
      ...MARY,
      personalCode: '60001019907',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('PERSONAL_CODE_INVALID')
  })

  it('limits starts per client IP and per personal code with Retry-After', async () => {
    // A fixed minute, and codes no other test uses: the counters are shared.
    const minute = new Date('2030-01-01T10:00:30Z')
    const limited = await portalWith(identity.mobileIdUrl, 2, () => minute)
    const code = (serial: number) =>
      makePersonalCode(
        '1990-01-01',
        'male',
        serial + (engine.name === 'pglite' ? 100 : 200),
      )
    try {
      const byIp = []
      for (const personalCode of [code(1), code(2), code(3)]) {
        const { response } = await startSignIn(
          limited,
          { ...MARY, personalCode },
          {},
          '10.0.0.1',
        )
        byIp.push(response)
      }
      expect(byIp.map((r) => r.statusCode)).toEqual([200, 200, 429])
      expect(Number(byIp[2]?.headers['retry-after'])).toBeGreaterThan(0)
      expect(byIp[2]?.json().error.code).toBe('RATE_LIMITED')

      const byCode = []
      for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) {
        const { response } = await startSignIn(
          limited,
          { ...MARY, personalCode: code(4) },
          {},
          ip,
        )
        byCode.push(response.statusCode)
      }
      expect(byCode).toEqual([200, 200, 429])
    } finally {
      await limited.close()
    }
  })

  it('answers MOBILE_ID_UNAVAILABLE when the service cannot be reached', async () => {
    const offline = await portalWith('http://127.0.0.1:9/mid-api')
    try {
      const { response } = await startSignIn(offline, MARY)
      expect(response.statusCode).toBe(502)
      expect(response.json().error.code).toBe('MOBILE_ID_UNAVAILABLE')
    } finally {
      await offline.close()
    }
  })

  it('describes the Mobile-ID routes in the OpenAPI document', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/mobile-id',
        '/api/auth/mobile-id/{id}',
      ]),
    )
  })

  describe('with a stand-in Mobile-ID service', () => {
    let answer: (hash: Buffer) => Promise<Record<string, unknown>>
    let service: Awaited<ReturnType<typeof standIn>>
    let portal: FastifyInstance
    let untrusted: CertificateAuthority
    const mary = {
      personalCode: MARY.personalCode,
      givenName: 'MARY ÄNN',
      familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
    }

    beforeAll(async () => {
      service = await standIn((hash) => answer(hash))
      portal = await portalWith(service.url)
      untrusted = await CertificateAuthority.create({ name: 'Untrusted' })
    })
    afterAll(async () => {
      await portal.close()
      await service.app.close()
    })

    const outcome = async () => {
      const started = await startSignIn(portal, MARY)
      const { body } = await pollToEnd(portal, started.id, started.cookies)
      return { body, started }
    }

    it('shows the verification code of the hash it sent and signs in', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id')
      answer = async (hash) => signedBy(issued, hash)
      const { body, started } = await outcome()
      expect(started.code).toBe(verificationCode(service.sent.at(-1)!))
      expect(service.sent.at(-1)).toHaveLength(32)
      expect(body.result).toBe('OK')
      expect(body.user?.givenName).toBe('MARY ÄNN')
    })

    it('refuses a signature over another hash', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id')
      answer = async () => signedBy(issued, Buffer.alloc(32, 7))
      expect((await outcome()).body.result).toBe('SIGNATURE_INVALID')
    })

    it('refuses a certificate from a CA the portal does not trust', async () => {
      const issued = await untrusted.issue(mary, 'mobile-id')
      answer = async (hash) => signedBy(issued, hash)
      expect((await outcome()).body.result).toBe('CERTIFICATE_UNTRUSTED')
    })

    it('refuses a certificate for another personal code', async () => {
      const issued = await identity.ca.issue(
        { ...mary, personalCode: '38001085718' },
        'mobile-id',
      )
      answer = async (hash) => signedBy(issued, hash)
      const { body } = await outcome()
      expect(body.result).toBe('IDENTITY_MISMATCH')
      expect(body.user).toBeUndefined()
    })

    it('refuses an expired certificate', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id', {
        notBefore: new Date('2020-01-01'),
        notAfter: new Date('2021-01-01'),
      })
      answer = async (hash) => signedBy(issued, hash)
      expect((await outcome()).body.result).toBe('CERTIFICATE_EXPIRED')
    })

    it('refuses a certificate not meant for authentication', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id', {
        notForAuthentication: true,
      })
      answer = async (hash) => signedBy(issued, hash)
      expect((await outcome()).body.result).toBe(
        'CERTIFICATE_NOT_FOR_AUTHENTICATION',
      )
    })

    it('refuses a revoked certificate, as its CA’s OCSP responder says', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id')
      await identity.ca.revoke(issued.serial)
      answer = async (hash) => signedBy(issued, hash)
      const { body } = await outcome()
      expect(body.result).toBe('CERTIFICATE_REVOKED')
      expect(body.user).toBeUndefined()
    })

    it('signs in only once however often the answer is polled', async () => {
      const issued = await identity.ca.issue(mary, 'mobile-id')
      answer = async (hash) => signedBy(issued, hash)
      const started = await startSignIn(portal, MARY)
      const done = await pollToEnd(portal, started.id, started.cookies)
      const again = await portal.inject({
        url: `/api/auth/mobile-id/${started.id}`,
        cookies: done.cookies,
      })
      expect(again.json()).toEqual({ state: 'COMPLETE', result: 'OK' })
      expect(again.cookies).toHaveLength(0)
    })
  })
})
