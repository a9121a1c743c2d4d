import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmartIdClient } from '../../server/auth/smartId/smartIdClient.ts'
import { smartIdVerificationCode } from '../../server/auth/smartId/verificationCode.ts'
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
import { signedAuthentication } from '../../sandbox/smartId/signedAuthentication.ts'
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
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'
import { SMART_ID_DEMO_ACCOUNTS } from '../support/smartIdVectors.ts'

const demoAccounts = SMART_ID_DEMO_ACCOUNTS

const PATH = '/api/auth/smart-id'
const MART = '50001029996'

const startSignIn = (
  app: FastifyInstance,
  personalCode: string,
  cookies: Cookies = {},
) => startPhoneSignIn(app, PATH, { personalCode }, cookies)

const pollToEnd = (app: FastifyInstance, id: string, cookies: Cookies) =>
  pollPhoneSignIn(app, PATH, id, cookies)

/** What the portal sent to start the authentication. */
interface SentStart {
  semanticsId: string
  relyingPartyName: string
  interactions: string
  signatureProtocolParameters: { rpChallenge: string }
}

/** The fields of an OK answer the test may change before signing. */
interface Signing {
  rpChallenge: string
  relyingPartyName: string
  interactions: string
}

/** An OK session answer signed by `issued` over the ACSP_V2 payload. */
function signedBy(issued: IssuedCertificate, signing: Signing) {
  return signedAuthentication(issued, {
    ...signing,
    interactionTypeUsed: 'displayTextAndPIN',
    hashAlgorithm: 'SHA-512',
    documentNumber: `PNOEE-${MART}-TEST-Q`,
  }) as { signature: object }
}

/** A Smart-ID RP API that answers whatever the test decides. */
async function standIn(answer: (sent: SentStart) => Promise<object>) {
  const sent: SentStart[] = []
  const app = Fastify()
  app.post<{ Params: { id: string }; Body: Omit<SentStart, 'semanticsId'> }>(
    '/v3/authentication/notification/etsi/:id',
    async (req) => {
      sent.push({ ...req.body, semanticsId: req.params.id })
      return { sessionID: String(sent.length - 1) }
    },
  )
  app.get<{ Params: { id: string } }>('/v3/session/:id', async (req) => {
    const start = sent[Number(req.params.id)]
    if (!start) throw new Error('no such session')
    return answer(start)
  })
  return { app, sent, url: `${await listenOnLoopback(app)}/v3` }
}

describe.each(testDatabases())('Smart-ID sign-in on $name', (engine) => {
  let database: PortalDatabase
  let identity: IdentityServices
  let app: FastifyInstance
  let residentCode: string

  const portalWith = (url: string) =>
    testApp(database.db, {
      smartId: {
        provider: createSmartIdClient({
          url,
          rpUuid: '00000000-0000-0000-0000-000000000000',
          rpName: 'DEMO',
        }),
        trustAnchors: parseTrustAnchors(identity.ca.issuingPem),
        ocsp: createOcspChecker({ timeoutMs: 2000 }),
        rateLimit: 1000,
      },
    })

  beforeAll(async () => {
    database = await engine.open()
    const db = database.db as Kysely<unknown>
    await migrateSandbox(db)
    await seedPopulation(db, new Date())
    const demoCodes = new Set(demoAccounts.map((a) => a.personalCode))
    const someone = (await listResidents(db)).find(
      (r) => !demoCodes.has(r.personalCode),
    )
    if (!someone) throw new Error('the sandbox population is empty')
    residentCode = someone.personalCode
    identity = await startIdentityServices({
      db,
      log: pino({ level: 'silent' }),
      confirmDelayMs: 50,
    })
    app = await portalWith(identity.smartIdUrl)
  }, 120_000)

  afterAll(async () => {
    await app.close()
    for (const server of identity.servers) await server.close()
    await database.close()
  })

  it.each(demoAccounts)(
    'answers $result for the demo account $documentNumber',
    async (demo) => {
      const started = await startSignIn(app, demo.personalCode)
      expect(started.response.statusCode).toBe(200)
      expect(started.code).toMatch(/^\d{4}$/)
      const { body } = await pollToEnd(app, started.id, started.cookies)
      expectDemoOutcome(body, demo, 'smart-id')
    },
  )

  it('signs a sandbox resident in with a new session id', async () => {
    const first = await startSignIn(app, MART)
    const mart = await pollToEnd(app, first.id, first.cookies)
    const second = await startSignIn(app, residentCode, mart.cookies)
    const signedIn = await pollToEnd(app, second.id, second.cookies)
    expect(signedIn.body.result).toBe('OK')
    expect(signedIn.body.user?.method).toBe('smart-id')
    await expectNewSession(
      app,
      mart.cookies.portal_session,
      signedIn.cookies.portal_session,
      residentCode,
    )
  })

  it('keeps a sign-in unknown to another browser', async () => {
    const started = await startSignIn(app, MART)
    const other = await startSignIn(app, MART)
    await expectUnknownElsewhere(app, PATH, started, other)
    const cancel = await app.inject({
      method: 'DELETE',
      url: `${PATH}/${started.id}`,
      headers: { origin: TEST_ORIGIN },
      cookies: other.cookies,
    })
    expect(cancel.statusCode).toBe(404)
  })

  it('keeps Mobile-ID and Smart-ID sign-ins apart', async () => {
    const started = await startSignIn(app, MART)
    const asMobileId = await app.inject({
      url: `/api/auth/mobile-id/${started.id}`,
      cookies: started.cookies,
    })
    expect(asMobileId.statusCode).toBe(404)
  })

  it('forgets a cancelled sign-in', async () => {
    await expectCancelForgets(app, PATH, await startSignIn(app, MART))
  })

  it('refuses a personal code with a wrong check digit', async () => {
    const { response } = await startSignIn(app, '50001029997')
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('PERSONAL_CODE_INVALID')
  })

  it('answers SMART_ID_ACCOUNT_NOT_FOUND for a person without Smart-ID', async () => {
    const { response } = await startSignIn(app, '39912310174')
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('SMART_ID_ACCOUNT_NOT_FOUND')
  })

  it('answers SMART_ID_UNAVAILABLE when the service cannot be reached', async () => {
    const offline = await portalWith('http://127.0.0.1:9/smart-id-rp/v3')
    try {
      const { response } = await startSignIn(offline, MART)
      expect(response.statusCode).toBe(502)
      expect(response.json().error.code).toBe('SMART_ID_UNAVAILABLE')
    } finally {
      await offline.close()
    }
  })

  it('describes the Smart-ID routes in the OpenAPI document', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([PATH, `${PATH}/{id}`]),
    )
    const poll = spec.paths[`${PATH}/{id}`].get.description
    expect(poll).toContain('WRONG_VC')
    expect(poll).toContain('IDENTITY_MISMATCH')
  })

  describe('with a stand-in Smart-ID service', () => {
    let answer: (sent: SentStart) => Promise<object>
    let service: Awaited<ReturnType<typeof standIn>>
    let portal: FastifyInstance
    let untrusted: CertificateAuthority
    const mart = {
      personalCode: MART,
      givenName: 'MÄRT',
      familyName: 'TESTNUMBER',
    }
    const asSent = (sent: SentStart): Signing => ({
      rpChallenge: sent.signatureProtocolParameters.rpChallenge,
      relyingPartyName: sent.relyingPartyName,
      interactions: sent.interactions,
    })

    beforeAll(async () => {
      service = await standIn((sent) => answer(sent))
      portal = await portalWith(service.url)
      untrusted = await CertificateAuthority.create({ name: 'Untrusted' })
    })
    afterAll(async () => {
      await portal.close()
      await service.app.close()
    })

    const outcome = async () => {
      const started = await startSignIn(portal, MART)
      const { body } = await pollToEnd(portal, started.id, started.cookies)
      return { body, started }
    }

    it('shows the verification code of the rpChallenge it sent and signs in', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id')
      answer = async (sent) => signedBy(issued, asSent(sent))
      const { body, started } = await outcome()
      const sent = service.sent.at(-1)
      expect(sent?.semanticsId).toBe(`PNOEE-${MART}`)
      const rpChallenge = Buffer.from(
        sent?.signatureProtocolParameters.rpChallenge ?? '',
        'base64',
      )
      expect(rpChallenge).toHaveLength(64)
      expect(started.code).toBe(smartIdVerificationCode(rpChallenge))
      expect(body.result).toBe('OK')
      expect(body.user?.givenName).toBe('MÄRT')
    })

    it('refuses a signature over another rpChallenge', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id')
      answer = async (sent) =>
        signedBy(issued, {
          ...asSent(sent),
          rpChallenge: randomBytes(64).toString('base64'),
        })
      expect((await outcome()).body.result).toBe('SIGNATURE_INVALID')
    })

    it('refuses a signature for another relying party', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id')
      answer = async (sent) =>
        signedBy(issued, { ...asSent(sent), relyingPartyName: 'EVIL' })
      expect((await outcome()).body.result).toBe('SIGNATURE_INVALID')
    })

    it('refuses an answer in another flow than the notification', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id')
      answer = async (sent) => {
        const signed = signedBy(issued, asSent(sent))
        return { ...signed, signature: { ...signed.signature, flowType: 'QR' } }
      }
      expect((await outcome()).body.result).toBe('SIGNATURE_INVALID')
    })

    it('refuses a certificate from a CA the portal does not trust', async () => {
      const issued = await untrusted.issue(mart, 'smart-id')
      answer = async (sent) => signedBy(issued, asSent(sent))
      expect((await outcome()).body.result).toBe('CERTIFICATE_UNTRUSTED')
    })

    it('refuses a certificate for another personal code', async () => {
      const issued = await identity.ca.issue(
        { ...mart, personalCode: '38001085718' },
        'smart-id',
      )
      answer = async (sent) => signedBy(issued, asSent(sent))
      const { body } = await outcome()
      expect(body.result).toBe('IDENTITY_MISMATCH')
      expect(body.user).toBeUndefined()
    })

    it('refuses a certificate not meant for authentication', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id', {
        notForAuthentication: true,
      })
      answer = async (sent) => signedBy(issued, asSent(sent))
      expect((await outcome()).body.result).toBe(
        'CERTIFICATE_NOT_FOR_AUTHENTICATION',
      )
    })

    it('refuses a revoked certificate, as its CA’s OCSP responder says', async () => {
      const issued = await identity.ca.issue(mart, 'smart-id')
      await identity.ca.revoke(issued.serial)
      answer = async (sent) => signedBy(issued, asSent(sent))
      const { body } = await outcome()
      expect(body.result).toBe('CERTIFICATE_REVOKED')
      expect(body.user).toBeUndefined()
    })

    it('passes on the app’s end result', async () => {
      answer = async () => ({
        state: 'COMPLETE',
        result: { endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' },
      })
      expect((await outcome()).body.result).toBe(
        'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP',
      )
    })
  })
})
