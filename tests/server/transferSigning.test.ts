import 'reflect-metadata'
import { p256 } from '@noble/curves/nist.js'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePersonalCode } from '../../common/personalCode.ts'
import { transferDigest } from '../../common/transferDigest.ts'
import { createMobileIdClient } from '../../server/auth/mobileId/mobileIdClient.ts'
import { verificationCode } from '../../server/auth/mobileId/verificationCode.ts'
import { smartIdVerificationCode } from '../../server/auth/smartId/verificationCode.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { createOcspChecker } from '../../server/eid/ocsp/ocspClient.ts'
import { parseTrustAnchors } from '../../server/eid/trustAnchors.ts'
import {
  consumeTransferSignature,
  SIGNATURE_FRESH_MS,
} from '../../server/signing/consumeTransferSignature.ts'
import { createMobileIdSigner } from '../../server/signing/mobileIdSigner.ts'
import { createSmartIdSigner } from '../../server/signing/smartIdSigner.ts'
import {
  CertificateAuthority,
  type IssuedCertificate,
} from '../../sandbox/ca/certificateAuthority.ts'
import { migrateSandbox } from '../../sandbox/db/migrate.ts'
import { TestIdCard } from '../../sandbox/idCard/testIdCard.ts'
import {
  startIdentityServices,
  type IdentityServices,
} from '../../sandbox/identityServices.ts'
import {
  listResidents,
  seedPopulation,
} from '../../sandbox/population/store.ts'
import { citizenSession } from '../support/citizenSession.ts'
import { testDatabases } from '../support/databases.ts'
import { listenOnLoopback } from '../support/phoneSignIn.ts'
import {
  fetchClient,
  pollPhoneSignIn,
  signInWithMobileId,
  type FetchClient,
} from '../support/residentSignIn.ts'
import { SMART_ID_DEMO_ACCOUNTS } from '../support/smartIdVectors.ts'
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'
import { readVector } from '../support/vectors.ts'

interface DemoNumbers {
  identities: { phoneNumber: string; personalCode: string; result: string }[]
}
const { identities } = readVector<DemoNumbers>('mobile-id/demo-numbers.json')

const MARY = {
  phoneNumber: '+37200000766',
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
}
const RECIPIENT = makePersonalCode('1990-01-01', 'male', 1)

let counter = 0
/** A new transfer to the recipient, with a fresh id. */
function newTransfer(amount = 12500) {
  counter += 1
  const tail = String(counter).padStart(12, '0')
  return {
    id: `0b6c6f1e-6a55-4b0e-9a36-${tail}`,
    to: RECIPIENT,
    amount,
    description: 'Rent',
  }
}

type Transfer = ReturnType<typeof newTransfer>

function digestOf(from: string, transfer: Transfer, hash: 'SHA256' | 'SHA512') {
  return transferDigest({ ...transfer, from }, hash)
}

interface Started {
  id: string
  verificationCode: string
}

describe.each(testDatabases())('transfer signing on $name', (engine) => {
  let database: PortalDatabase
  let identity: IdentityServices
  let app: FastifyInstance
  let base: string
  let resident: { phoneNumber: string; personalCode: string }

  /** A browser with the citizen signed in (a session of the portal's own). */
  const browserOf = async (personalCode: string) =>
    fetchClient(
      base,
      TEST_ORIGIN,
      await citizenSession(database.db, {
        personalCode,
        givenName: 'TEST',
        familyName: 'CITIZEN',
      }),
    )

  const pollToEnd = (client: FetchClient, method: string, id: string) =>
    pollPhoneSignIn(client, `/api/signing/${method}`, id)

  beforeAll(async () => {
    database = await engine.open()
    const sandboxDb = database.db as Kysely<unknown>
    await migrateSandbox(sandboxDb)
    await seedPopulation(sandboxDb, new Date())
    const demoCodes = new Set([
      ...identities.map((i) => i.personalCode),
      ...SMART_ID_DEMO_ACCOUNTS.map((a) => a.personalCode),
    ])
    const someone = (await listResidents(sandboxDb)).find(
      (r) => !demoCodes.has(r.personalCode),
    )
    if (!someone) throw new Error('the sandbox population is empty')
    resident = someone
    identity = await startIdentityServices({
      db: sandboxDb,
      log: pino({ level: 'silent' }),
      confirmDelayMs: 50,
    })
    const settings = {
      rpUuid: '00000000-0000-0000-0000-000000000000',
      rpName: 'DEMO',
    }
    const trustAnchors = parseTrustAnchors(identity.ca.issuingPem)
    const ocsp = createOcspChecker({ timeoutMs: 2000 })
    app = await testApp(database.db, {
      mobileId: {
        provider: createMobileIdClient({
          ...settings,
          url: identity.mobileIdUrl,
        }),
        trustAnchors,
        ocsp,
        rateLimit: 1000,
      },
      signing: {
        mobileId: createMobileIdSigner({
          ...settings,
          url: identity.mobileIdUrl,
        }),
        smartId: createSmartIdSigner({
          ...settings,
          url: identity.smartIdUrl,
        }),
        idCard: true,
        trust: { anchors: trustAnchors, ocsp },
        rateLimit: 1000,
        recipientName: async (code) =>
          code === RECIPIENT ? 'M*** Ä***' : undefined,
      },
    })
    base = await listenOnLoopback(app)
  }, 120_000)

  afterAll(async () => {
    await app.close()
    for (const server of identity.servers) await server.close()
    await database.close()
  })

  const startMobileId = async (
    client: FetchClient,
    transfer: Transfer,
    phoneNumber: string,
  ) => client.send('POST', '/api/signing/mobile-id', { transfer, phoneNumber })

  it('signs a transfer with Mobile-ID after a Mobile-ID sign-in', async () => {
    const browser = fetchClient(base, TEST_ORIGIN)
    await signInWithMobileId(browser, MARY)
    const transfer = newTransfer()
    const started = await startMobileId(browser, transfer, MARY.phoneNumber)
    expect(started.status).toBe(200)
    const { id, verificationCode: code } = started.body as Started
    expect(code).toBe(
      verificationCode(digestOf(MARY.personalCode, transfer, 'SHA256')),
    )
    const completion = await pollToEnd(browser, 'mobile-id', id)
    expect(completion).toEqual({ state: 'COMPLETE', result: 'OK' })

    const used = await consumeTransferSignature(database.db, {
      signingId: id,
      personalCode: MARY.personalCode,
      transfer,
    })
    expect(used).toMatchObject({ ok: true, method: 'mobile-id' })
    const again = await consumeTransferSignature(database.db, {
      signingId: id,
      personalCode: MARY.personalCode,
      transfer,
    })
    expect(again).toEqual({ ok: false, refusal: 'TRANSFER_SIGNATURE_USED' })
  })

  it('signs a transfer with Smart-ID', async () => {
    const browser = await browserOf(resident.personalCode)
    const transfer = newTransfer(5)
    const started = await browser.send('POST', '/api/signing/smart-id', {
      transfer,
    })
    expect(started.status).toBe(200)
    const { id, verificationCode: code } = started.body as Started
    expect(code).toBe(
      smartIdVerificationCode(
        digestOf(resident.personalCode, transfer, 'SHA512'),
      ),
    )
    expect(await pollToEnd(browser, 'smart-id', id)).toEqual({
      state: 'COMPLETE',
      result: 'OK',
    })
    const used = await consumeTransferSignature(database.db, {
      signingId: id,
      personalCode: resident.personalCode,
      transfer,
    })
    expect(used).toMatchObject({ ok: true, method: 'smart-id' })
  })

  it('signs a transfer with the ID-card through Web eID', async () => {
    const browser = await browserOf(MARY.personalCode)
    const card = await TestIdCard.issue(identity.ca, MARY)
    const transfer = newTransfer(99)
    const prepared = await browser.send(
      'POST',
      '/api/signing/id-card/prepare',
      {
        transfer,
        certificate: card.signingCertificate,
      },
    )
    expect(prepared.status).toBe(200)
    const { id, hash, hashFunction } = prepared.body as {
      id: string
      hash: string
      hashFunction: string
    }
    expect(hashFunction).toBe('SHA-256')
    expect(Buffer.from(hash, 'base64')).toEqual(
      Buffer.from(digestOf(MARY.personalCode, transfer, 'SHA256')),
    )
    const signed = await browser.send(
      'POST',
      `/api/signing/id-card/${id}`,
      card.sign(hash, hashFunction),
    )
    expect(signed).toEqual({
      status: 200,
      body: { state: 'COMPLETE', result: 'OK' },
    })
    const used = await consumeTransferSignature(database.db, {
      signingId: id,
      personalCode: MARY.personalCode,
      transfer,
    })
    expect(used).toMatchObject({ ok: true, method: 'id-card' })

    const twice = await browser.send(
      'POST',
      `/api/signing/id-card/${id}`,
      card.sign(hash, hashFunction),
    )
    expect(twice.status).toBe(409)
  })

  it.each(identities.filter((i) => i.result !== 'OK'))(
    'ends Mobile-ID signing of the demo number $phoneNumber as $result',
    async (demo) => {
      const browser = await browserOf(demo.personalCode)
      const started = await startMobileId(
        browser,
        newTransfer(),
        demo.phoneNumber,
      )
      if (demo.result === 'NOT_MID_CLIENT') {
        expect(started.status).toBe(400)
        expect(started.body).toMatchObject({
          error: { code: 'MOBILE_ID_NOT_FOR_SIGNING' },
        })
        return
      }
      expect(started.status).toBe(200)
      const { id } = started.body as Started
      const completion = await pollToEnd(browser, 'mobile-id', id)
      expect(completion.result).toBe(demo.result)
      const used = await consumeTransferSignature(database.db, {
        signingId: id,
        personalCode: demo.personalCode,
        transfer: newTransfer(),
      })
      expect(used).toEqual({ ok: false, refusal: 'TRANSFER_SIGNATURE_UNKNOWN' })
    },
  )

  it.each(SMART_ID_DEMO_ACCOUNTS.filter((a) => a.result !== 'OK'))(
    'ends Smart-ID signing of the demo account $personalCode as $result',
    async (demo) => {
      const browser = await browserOf(demo.personalCode)
      const started = await browser.send('POST', '/api/signing/smart-id', {
        transfer: newTransfer(),
      })
      expect(started.status).toBe(200)
      const { id } = started.body as Started
      const completion = await pollToEnd(browser, 'smart-id', id)
      expect(completion.result).toBe(demo.result)
    },
  )

  describe('a completed signature', () => {
    let id: string
    let transfer: Transfer

    beforeAll(async () => {
      const browser = await browserOf(MARY.personalCode)
      transfer = newTransfer(4200)
      const started = await startMobileId(browser, transfer, MARY.phoneNumber)
      id = (started.body as Started).id
      expect((await pollToEnd(browser, 'mobile-id', id)).result).toBe('OK')
    })

    it.each([
      ['another amount', { amount: 4201 }],
      [
        'another recipient',
        { to: makePersonalCode('1990-01-01', 'female', 2) },
      ],
      ['another transfer id', { id: '0b6c6f1e-6a55-4b0e-9a36-ffffffffffff' }],
      ['another description', { description: 'Rent!' }],
    ])('is refused for a transfer with %s', async (_name, change) => {
      const used = await consumeTransferSignature(database.db, {
        signingId: id,
        personalCode: MARY.personalCode,
        transfer: { ...transfer, ...change },
      })
      expect(used).toEqual({
        ok: false,
        refusal: 'TRANSFER_SIGNATURE_MISMATCH',
      })
    })

    it('is unknown to another citizen, in the wallet and in the API', async () => {
      const used = await consumeTransferSignature(database.db, {
        signingId: id,
        personalCode: resident.personalCode,
        transfer,
      })
      expect(used).toEqual({ ok: false, refusal: 'TRANSFER_SIGNATURE_UNKNOWN' })
      const other = await browserOf(resident.personalCode)
      const polled = await other.send('GET', `/api/signing/mobile-id/${id}`)
      expect(polled.status).toBe(404)
    })

    it('is unknown to the same citizen in another browser', async () => {
      const other = await browserOf(MARY.personalCode)
      const polled = await other.send('GET', `/api/signing/mobile-id/${id}`)
      expect(polled.status).toBe(404)
    })

    it('is refused when more than five minutes old', async () => {
      const late = new Date(Date.now() + SIGNATURE_FRESH_MS + 1000)
      const used = await consumeTransferSignature(
        database.db,
        { signingId: id, personalCode: MARY.personalCode, transfer },
        late,
      )
      expect(used).toEqual({ ok: false, refusal: 'TRANSFER_SIGNATURE_EXPIRED' })
    })

    it('is used by exactly one of eight concurrent transfers', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          consumeTransferSignature(database.db, {
            signingId: id,
            personalCode: MARY.personalCode,
            transfer,
          }),
        ),
      )
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok)).toEqual(
        Array.from({ length: 7 }, () => ({
          ok: false,
          refusal: 'TRANSFER_SIGNATURE_USED',
        })),
      )
    })
  })

  describe('the ID-card', () => {
    const prepare = (browser: FetchClient, certificate: string) =>
      browser.send('POST', '/api/signing/id-card/prepare', {
        transfer: newTransfer(),
        certificate,
      })

    it('refuses the authentication certificate for signing', async () => {
      const browser = await browserOf(MARY.personalCode)
      const card = await TestIdCard.issue(identity.ca, MARY)
      const der = Buffer.from(card.issued.certificate.rawData)
      const prepared = await prepare(browser, der.toString('base64'))
      expect(prepared.status).toBe(401)
      expect(prepared.body).toMatchObject({
        error: { code: 'CERTIFICATE_NOT_FOR_SIGNING' },
      })
    })

    it('refuses another person’s signing certificate', async () => {
      const browser = await browserOf(resident.personalCode)
      const card = await TestIdCard.issue(identity.ca, MARY)
      const prepared = await prepare(browser, card.signingCertificate)
      expect(prepared.status).toBe(403)
      expect(prepared.body).toMatchObject({
        error: { code: 'IDENTITY_MISMATCH' },
      })
    })

    it('refuses a certificate from a CA the portal does not trust', async () => {
      const browser = await browserOf(MARY.personalCode)
      const card = await TestIdCard.issue(
        await CertificateAuthority.create(),
        MARY,
      )
      const prepared = await prepare(browser, card.signingCertificate)
      expect(prepared.body).toMatchObject({
        error: { code: 'CERTIFICATE_UNTRUSTED' },
      })
    })

    it('refuses a signature over another transfer', async () => {
      const browser = await browserOf(MARY.personalCode)
      const card = await TestIdCard.issue(identity.ca, MARY)
      const prepared = await prepare(browser, card.signingCertificate)
      const { id } = prepared.body as { id: string }
      const other = digestOf(MARY.personalCode, newTransfer(), 'SHA256')
      const signed = await browser.send(
        'POST',
        `/api/signing/id-card/${id}`,
        card.sign(Buffer.from(other).toString('base64'), 'SHA-256'),
      )
      expect(signed.status).toBe(401)
      expect(signed.body).toMatchObject({
        error: { code: 'SIGNATURE_INVALID' },
      })
      const used = await consumeTransferSignature(database.db, {
        signingId: id,
        personalCode: MARY.personalCode,
        transfer: newTransfer(),
      })
      expect(used).toEqual({ ok: false, refusal: 'TRANSFER_SIGNATURE_UNKNOWN' })
    })

    it('refuses a revoked signing certificate after asking OCSP', async () => {
      const browser = await browserOf(MARY.personalCode)
      const card = await TestIdCard.issue(identity.ca, MARY)
      const prepared = await prepare(browser, card.signingCertificate)
      const { id, hash } = prepared.body as { id: string; hash: string }
      await identity.ca.revoke(card.signing?.serial ?? '')
      const signed = await browser.send(
        'POST',
        `/api/signing/id-card/${id}`,
        card.sign(hash, 'SHA-256'),
      )
      expect(signed.body).toMatchObject({
        error: { code: 'CERTIFICATE_REVOKED' },
      })
    })
  })

  describe('a Mobile-ID answer that does not hold up', () => {
    /**
     * A Mobile-ID service that hands out `issued` as the signing
     * certificate and signs with its key whatever `signed` picks.
     */
    async function standIn(
      issued: IssuedCertificate,
      signed: (hash: Buffer) => Buffer,
    ) {
      const hashes: Buffer[] = []
      const service = Fastify()
      service.post('/mid-api/certificate', async () => ({
        result: 'OK',
        cert: Buffer.from(issued.certificate.rawData).toString('base64'),
      }))
      service.post<{ Body: { hash: string } }>(
        '/mid-api/signature',
        async (req) => {
          hashes.push(Buffer.from(req.body.hash, 'base64'))
          return { sessionID: String(hashes.length - 1) }
        },
      )
      service.get<{ Params: { id: string } }>(
        '/mid-api/signature/session/:id',
        async (req) => {
          const hash = signed(hashes[Number(req.params.id)] ?? Buffer.alloc(32))
          const d = Buffer.from(issued.privateKey.d ?? '', 'base64url')
          const value = p256.sign(hash, new Uint8Array(d), { prehash: false })
          return {
            state: 'COMPLETE',
            result: 'OK',
            signature: {
              value: Buffer.from(value).toString('base64'),
              algorithm: 'SHA256WithECEncryption',
            },
          }
        },
      )
      const url = `${await listenOnLoopback(service)}/mid-api`
      const portal = await testApp(database.db, {
        signing: {
          mobileId: createMobileIdSigner({
            url,
            rpUuid: '00000000-0000-0000-0000-000000000000',
            rpName: 'DEMO',
          }),
          trust: {
            anchors: parseTrustAnchors(identity.ca.issuingPem),
            ocsp: createOcspChecker({ timeoutMs: 2000 }),
          },
          rateLimit: 1000,
        },
      })
      const portalUrl = await listenOnLoopback(portal)
      return {
        portalUrl,
        async close() {
          await portal.close()
          await service.close()
        },
      }
    }

    const signWith = async (
      issued: IssuedCertificate,
      signed: (hash: Buffer) => Buffer = (hash) => hash,
    ) => {
      const stand = await standIn(issued, signed)
      try {
        const browser = fetchClient(
          stand.portalUrl,
          TEST_ORIGIN,
          await citizenSession(database.db, {
            personalCode: MARY.personalCode,
            givenName: MARY.givenName,
            familyName: MARY.familyName,
          }),
        )
        const started = await startMobileId(
          browser,
          newTransfer(),
          MARY.phoneNumber,
        )
        expect(started.status).toBe(200)
        const { id } = started.body as Started
        return (await pollToEnd(browser, 'mobile-id', id)).result
      } finally {
        await stand.close()
      }
    }

    it('is refused when the certificate names someone else', async () => {
      const someoneElse = await identity.ca.issue(
        { ...MARY, personalCode: resident.personalCode },
        'mobile-id-signing',
      )
      expect(await signWith(someoneElse)).toBe('IDENTITY_MISMATCH')
    })

    it('is refused when the certificate is for authentication', async () => {
      const auth = await identity.ca.issue(MARY, 'mobile-id')
      expect(await signWith(auth)).toBe('CERTIFICATE_NOT_FOR_SIGNING')
    })

    it('is refused when the phone signed another hash', async () => {
      const own = await identity.ca.issue(MARY, 'mobile-id-signing')
      const other = () =>
        Buffer.from(digestOf(MARY.personalCode, newTransfer(), 'SHA256'))
      expect(await signWith(own, other)).toBe('SIGNATURE_INVALID')
    })

    it('is accepted when all holds, so the refusals above are real', async () => {
      const own = await identity.ca.issue(MARY, 'mobile-id-signing')
      expect(await signWith(own)).toBe('OK')
    })
  })

  describe('requests', () => {
    it('need a signed-in citizen', async () => {
      const stranger = fetchClient(base, TEST_ORIGIN)
      const started = await stranger.send('POST', '/api/signing/smart-id', {
        transfer: newTransfer(),
      })
      expect(started.status).toBe(401)
      expect(started.body).toMatchObject({
        error: { code: 'SIGN_IN_REQUIRED' },
      })
    })

    it.each([
      ['an amount of zero', { amount: 0 }],
      ['a fractional amount', { amount: 1.5 }],
      ['an id that is no UUID', { id: 'abc' }],
    ])('refuse a transfer with %s', async (_name, change) => {
      const browser = await browserOf(MARY.personalCode)
      const started = await browser.send('POST', '/api/signing/smart-id', {
        transfer: { ...newTransfer(), ...change },
      })
      expect(started.status).toBe(400)
    })

    it('refuse a recipient personal code with a wrong check digit', async () => {
      const browser = await browserOf(MARY.personalCode)
      const started = await browser.send('POST', '/api/signing/smart-id', {
        transfer: { ...newTransfer(), to: '60001019907' },
      })
      expect(started.status).toBe(400)
      expect(started.body).toMatchObject({
        error: { code: 'PERSONAL_CODE_INVALID' },
      })
    })

    it('cancel a running signature once', async () => {
      const browser = await browserOf(MARY.personalCode)
      const started = await startMobileId(
        browser,
        newTransfer(),
        MARY.phoneNumber,
      )
      const { id } = started.body as Started
      const path = `/api/signing/mobile-id/${id}`
      expect((await browser.send('DELETE', path)).status).toBe(204)
      expect((await browser.send('DELETE', path)).status).toBe(404)
      expect((await browser.send('GET', path)).status).toBe(404)
    })
  })
})
