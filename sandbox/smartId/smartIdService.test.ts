import { constants, randomBytes, verify, X509Certificate } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acspV2Payload } from '../../server/auth/smartId/acspV2.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { SMART_ID_DEMO_ACCOUNTS } from '../../tests/support/smartIdVectors.ts'
import { CertificateAuthority } from '../ca/certificateAuthority.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { listResidents, seedPopulation } from '../population/store.ts'
import { buildSmartIdService, SMART_ID_PREFIX } from './smartIdService.ts'

const demoAccounts = SMART_ID_DEMO_ACCOUNTS

const DEMO = {
  relyingPartyUUID: '00000000-0000-0000-0000-000000000000',
  relyingPartyName: 'DEMO',
}
const interactions = Buffer.from(
  JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Sign in' }]),
).toString('base64')
const rpChallenge = randomBytes(64).toString('base64')
const start = {
  ...DEMO,
  certificateLevel: 'QUALIFIED',
  signatureProtocol: 'ACSP_V2',
  signatureProtocolParameters: {
    rpChallenge,
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
  },
  interactions,
  vcType: 'numeric4',
}

describe('the sandbox Smart-ID service', () => {
  let database: PortalDatabase
  let service: FastifyInstance
  let residentCode: string

  beforeAll(async () => {
    database = await openDatabase({ memory: true })
    const db = database.db as Kysely<unknown>
    await migrateSandbox(db)
    await seedPopulation(db, new Date())
    const demoCodes = new Set(demoAccounts.map((a) => a.personalCode))
    const resident = (await listResidents(db)).find(
      (r) => !demoCodes.has(r.personalCode),
    )
    residentCode = resident?.personalCode ?? ''
    service = buildSmartIdService({
      db,
      ca: await CertificateAuthority.create(),
      relyingParties: [
        { uuid: DEMO.relyingPartyUUID, name: DEMO.relyingPartyName },
      ],
      confirmDelayMs: 0,
    })
  }, 60_000)
  afterAll(async () => {
    await service.close()
    await database.close()
  })

  const post = (payload: object, who = `PNOEE-${residentCode}`) =>
    service.inject({
      method: 'POST',
      url: `${SMART_ID_PREFIX}/authentication/notification/etsi/${who}`,
      payload,
    })

  const complete = async (payload: object, who?: string) => {
    const started = await post(payload, who)
    expect(started.statusCode).toBe(200)
    const { sessionID } = started.json<{ sessionID: string }>()
    const res = await service.inject({
      url: `${SMART_ID_PREFIX}/session/${sessionID}?timeoutMs=1000`,
    })
    return res.json()
  }

  it('answers 401 to an unknown relying party', async () => {
    const res = await post({ ...start, relyingPartyName: 'SOMEONE' })
    expect(res.statusCode).toBe(401)
  })

  const parameters = start.signatureProtocolParameters
  it.each([
    ['another signature protocol', { signatureProtocol: 'RAW_DIGEST' }],
    [
      'a short rpChallenge',
      {
        signatureProtocolParameters: {
          ...parameters,
          rpChallenge: randomBytes(16).toString('base64'),
        },
      },
    ],
    [
      'an unknown hash algorithm',
      {
        signatureProtocolParameters: {
          ...parameters,
          signatureAlgorithmParameters: { hashAlgorithm: 'MD5' },
        },
      },
    ],
    ['interactions that are not base64 JSON', { interactions: 'bm9wZQ==' }],
    [
      'a display text over 60 characters',
      {
        interactions: Buffer.from(
          JSON.stringify([
            { type: 'displayTextAndPIN', displayText60: 'x'.repeat(61) },
          ]),
        ).toString('base64'),
      },
    ],
    ['no verification code type', { vcType: undefined }],
  ])('answers 400 with problem details to %s', async (_name, change) => {
    const res = await post({ ...start, ...change })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      errors: [{ paramName: expect.any(String) }],
    })
  })

  it('answers 404 to a person without an account', async () => {
    expect((await post(start, 'PNOEE-39912310174')).statusCode).toBe(404)
    expect((await post(start, 'PNOLV-010101-10006')).statusCode).toBe(404)
  })

  it('answers 404 for an unknown session', async () => {
    const res = await service.inject({
      url: `${SMART_ID_PREFIX}/session/${crypto.randomUUID()}`,
    })
    expect(res.statusCode).toBe(404)
  })

  it.each(demoAccounts)(
    'ends $documentNumber with $result',
    async (account) => {
      const body = await complete(start, `PNOEE-${account.personalCode}`)
      expect(body.state).toBe('COMPLETE')
      expect(body.result.endResult).toBe(account.result)
      if (account.result === 'OK') {
        expect(body.result.documentNumber).toBe(account.documentNumber)
      } else {
        expect(body.signature).toBeUndefined()
      }
    },
  )

  it('signs the ACSP_V2 payload with the resident’s RSA key', async () => {
    const body = await complete(start)
    expect(body).toMatchObject({
      state: 'COMPLETE',
      result: { endResult: 'OK' },
      signatureProtocol: 'ACSP_V2',
      interactionTypeUsed: 'displayTextAndPIN',
      signature: { flowType: 'Notification', signatureAlgorithm: 'rsassa-pss' },
    })
    const cert = new X509Certificate(Buffer.from(body.cert.value, 'base64'))
    expect(cert.subject).toContain(`PNOEE-${residentCode}`)
    const payload = acspV2Payload({
      serverRandom: body.signature.serverRandom,
      rpChallenge,
      userChallenge: body.signature.userChallenge,
      relyingPartyName: 'DEMO',
      interactions,
      interactionTypeUsed: 'displayTextAndPIN',
      flowType: 'Notification',
    })
    const pss = {
      key: cert.publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 64,
    }
    const signature = Buffer.from(body.signature.value, 'base64')
    expect(verify('sha512', payload, pss, signature)).toBe(true)
    const other = Buffer.concat([payload, Buffer.from('x')])
    expect(verify('sha512', other, pss, signature)).toBe(false)
  })

  it('starts by document number too', async () => {
    const [ok] = demoAccounts
    const res = await service.inject({
      method: 'POST',
      url: `${SMART_ID_PREFIX}/authentication/notification/document/${ok?.documentNumber}`,
      payload: start,
    })
    expect(res.statusCode).toBe(200)
    const unknown = await service.inject({
      method: 'POST',
      url: `${SMART_ID_PREFIX}/authentication/notification/document/PNOEE-${residentCode}-DEMO-Q`,
      payload: start,
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('answers RUNNING until the app confirms', async () => {
    const slow = buildSmartIdService({
      db: database.db as Kysely<unknown>,
      ca: await CertificateAuthority.create(),
      relyingParties: [
        { uuid: DEMO.relyingPartyUUID, name: DEMO.relyingPartyName },
      ],
      confirmDelayMs: 60_000,
    })
    const { sessionID } = (
      await slow.inject({
        method: 'POST',
        url: `${SMART_ID_PREFIX}/authentication/notification/etsi/PNOEE-${residentCode}`,
        payload: start,
      })
    ).json<{ sessionID: string }>()
    const res = await slow.inject({
      url: `${SMART_ID_PREFIX}/session/${sessionID}?timeoutMs=1000`,
    })
    expect(res.json()).toEqual({ state: 'RUNNING' })
    await slow.close()
  })
})
