import 'reflect-metadata'
import { constants, createHash, verify, X509Certificate } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeInteractions } from '../../server/auth/smartId/acspV2.ts'
import { smartIdVerificationCode } from '../../server/auth/smartId/verificationCode.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { SMART_ID_DEMO_ACCOUNTS } from '../../tests/support/smartIdVectors.ts'
import { CertificateAuthority } from '../ca/certificateAuthority.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { listResidents, seedPopulation } from '../population/store.ts'
import { buildSmartIdService, SMART_ID_PREFIX } from './smartIdService.ts'

const DEMO = {
  relyingPartyUUID: '00000000-0000-0000-0000-000000000000',
  relyingPartyName: 'DEMO',
}
const data = Buffer.from('{"purpose":"estcoin-transfer"}')
const digest = createHash('sha512').update(data).digest()
const start = {
  ...DEMO,
  certificateLevel: 'QUALIFIED',
  signatureProtocol: 'RAW_DIGEST_SIGNATURE',
  signatureProtocolParameters: {
    digest: digest.toString('base64'),
    signatureAlgorithm: 'rsassa-pss',
    signatureAlgorithmParameters: { hashAlgorithm: 'SHA-512' },
  },
  interactions: encodeInteractions([
    { type: 'confirmationMessage', displayText200: 'Send 1.00 EST to A***' },
    { type: 'displayTextAndPIN', displayText60: 'Send 1.00 EST to A***' },
  ]),
}

describe('the sandbox Smart-ID service signing', () => {
  let database: PortalDatabase
  let service: FastifyInstance
  let residentCode: string

  beforeAll(async () => {
    database = await openDatabase({ memory: true })
    const db = database.db as Kysely<unknown>
    await migrateSandbox(db)
    await seedPopulation(db, new Date())
    const demoCodes = new Set(SMART_ID_DEMO_ACCOUNTS.map((a) => a.personalCode))
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
      url: `${SMART_ID_PREFIX}/signature/notification/etsi/${who}`,
      payload,
    })

  const complete = async (payload: object, who?: string) => {
    const started = await post(payload, who)
    expect(started.statusCode).toBe(200)
    const { sessionID, vc } = started.json<{
      sessionID: string
      vc: { type: string; value: string }
    }>()
    const res = await service.inject({
      url: `${SMART_ID_PREFIX}/session/${sessionID}?timeoutMs=1000`,
    })
    return { vc, body: res.json() }
  }

  it('signs the digest with RSASSA-PSS and the signing key', async () => {
    const { vc, body } = await complete(start)
    expect(vc).toEqual({
      type: 'numeric4',
      value: smartIdVerificationCode(digest),
    })
    expect(body).toMatchObject({
      state: 'COMPLETE',
      result: { endResult: 'OK' },
      signatureProtocol: 'RAW_DIGEST_SIGNATURE',
      signature: { signatureAlgorithm: 'rsassa-pss' },
      interactionTypeUsed: 'confirmationMessage',
    })
    const der = Buffer.from(body.cert.value, 'base64')
    const cert = new x509.X509Certificate(der)
    const usage = cert.getExtension(x509.KeyUsagesExtension)
    expect(usage?.usages).toBe(x509.KeyUsageFlags.nonRepudiation)
    const ok = (signed: Buffer) =>
      verify(
        'sha512',
        signed,
        {
          key: new X509Certificate(der).publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 64,
        },
        Buffer.from(body.signature.value, 'base64'),
      )
    expect(ok(data)).toBe(true)
    expect(ok(Buffer.from('{"purpose":"something else"}'))).toBe(false)
  })

  it.each(SMART_ID_DEMO_ACCOUNTS.filter((a) => a.result !== 'OK'))(
    'ends the demo account $personalCode with $result',
    async (account) => {
      const { body } = await complete(start, `PNOEE-${account.personalCode}`)
      expect(body).toEqual({
        state: 'COMPLETE',
        result: { endResult: account.result },
      })
    },
  )

  it.each([
    ['the authentication protocol', { signatureProtocol: 'ACSP_V2' }],
    [
      'a digest of the wrong length',
      {
        signatureProtocolParameters: {
          ...start.signatureProtocolParameters,
          digest: digest.subarray(0, 32).toString('base64'),
        },
      },
    ],
    [
      'a display text over 200 characters',
      {
        interactions: encodeInteractions([
          { type: 'confirmationMessage', displayText200: 'x'.repeat(201) },
        ]),
      },
    ],
  ])('answers 400 to %s', async (_name, change) => {
    const res = await post({ ...start, ...change })
    expect(res.statusCode).toBe(400)
  })

  it('answers 404 to a person without an account', async () => {
    const res = await post(start, 'PNOEE-30303039914')
    expect(res.statusCode).toBe(404)
  })
})
