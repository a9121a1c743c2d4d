import 'reflect-metadata'
import { p256 } from '@noble/curves/nist.js'
import { X509Certificate, createHash } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { CertificateAuthority } from '../ca/certificateAuthority.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { buildMobileIdService } from './mobileIdService.ts'

const DEMO = {
  relyingPartyUUID: '00000000-0000-0000-0000-000000000000',
  relyingPartyName: 'DEMO',
}
const MARY = {
  phoneNumber: '+37200000766',
  nationalIdentityNumber: '60001019906',
}
const hash = createHash('sha256').update('a transfer').digest()
const start = {
  ...DEMO,
  ...MARY,
  hash: hash.toString('base64'),
  hashType: 'SHA256',
  language: 'ENG',
  displayText: 'Send 125.00 EST to M*** Ä***',
  displayTextFormat: 'GSM-7',
}

describe('the sandbox Mobile-ID service signing', () => {
  let database: PortalDatabase
  let service: FastifyInstance

  beforeAll(async () => {
    database = await openDatabase({ memory: true })
    await migrateSandbox(database.db as Kysely<unknown>)
    service = buildMobileIdService({
      db: database.db as Kysely<unknown>,
      ca: await CertificateAuthority.create(),
      relyingParties: [
        { uuid: DEMO.relyingPartyUUID, name: DEMO.relyingPartyName },
      ],
      confirmDelayMs: 0,
    })
  })
  afterAll(async () => {
    await service.close()
    await database.close()
  })

  const certificate = async (who: object) =>
    (
      await service.inject({
        method: 'POST',
        url: '/mid-api/certificate',
        payload: { ...DEMO, ...who },
      })
    ).json<{ result: string; cert?: string }>()

  const sign = async (payload: object) => {
    const started = await service.inject({
      method: 'POST',
      url: '/mid-api/signature',
      payload,
    })
    expect(started.statusCode).toBe(200)
    const { sessionID } = started.json<{ sessionID: string }>()
    const res = await service.inject({
      url: `/mid-api/signature/session/${sessionID}?timeoutMs=1000`,
    })
    return { sessionID, body: res.json() }
  }

  it('gives the holder’s signing certificate, meant for signatures', async () => {
    const answer = await certificate(MARY)
    expect(answer.result).toBe('OK')
    const cert = new x509.X509Certificate(
      Buffer.from(answer.cert ?? '', 'base64'),
    )
    const usage = cert.getExtension(x509.KeyUsagesExtension)
    expect(usage?.usages).toBe(x509.KeyUsageFlags.nonRepudiation)
    expect(cert.subject).toContain('PNOEE-60001019906')
  })

  it('answers NOT_FOUND for a number that is not that person’s', async () => {
    const answer = await certificate({
      ...MARY,
      nationalIdentityNumber: '60001017869',
    })
    expect(answer).toEqual({ result: 'NOT_FOUND' })
  })

  it('answers NOT_FOUND for the demo number that is no client', async () => {
    const answer = await certificate({
      phoneNumber: '+37200000366',
      nationalIdentityNumber: '60001019928',
    })
    expect(answer).toEqual({ result: 'NOT_FOUND' })
  })

  it('signs the hash with the key of that signing certificate', async () => {
    const { cert } = await certificate(MARY)
    const { body } = await sign(start)
    expect(body).toMatchObject({
      state: 'COMPLETE',
      result: 'OK',
      signature: { algorithm: 'SHA256WithECEncryption' },
    })
    expect(body.cert).toBeUndefined()
    const key = new X509Certificate(
      Buffer.from(cert ?? '', 'base64'),
    ).publicKey.export({ format: 'jwk' })
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(key.x ?? '', 'base64url'),
      Buffer.from(key.y ?? '', 'base64url'),
    ])
    const signature = Buffer.from(body.signature.value, 'base64')
    expect(p256.verify(signature, hash, point, { prehash: false })).toBe(true)
  })

  it('ends a demo number’s signature as its authentication', async () => {
    const { body } = await sign({
      ...start,
      phoneNumber: '+37201100266',
      nationalIdentityNumber: '60001019950',
    })
    expect(body).toEqual({ state: 'COMPLETE', result: 'USER_CANCELLED' })
  })

  it.each([
    ['41 GSM-7 characters', { displayText: 'x'.repeat(41) }],
    [
      '21 UCS-2 characters',
      { displayText: 'Š'.repeat(21), displayTextFormat: 'UCS-2' },
    ],
    ['an unknown displayTextFormat', { displayTextFormat: 'UTF-8' }],
  ])('answers 400 to a display text of %s', async (_name, change) => {
    const res = await service.inject({
      method: 'POST',
      url: '/mid-api/signature',
      payload: { ...start, ...change },
    })
    expect(res.statusCode).toBe(400)
  })

  it('accepts 20 UCS-2 characters', async () => {
    const { body } = await sign({
      ...start,
      displayText: 'Š'.repeat(20),
      displayTextFormat: 'UCS-2',
    })
    expect(body.result).toBe('OK')
  })

  it('does not answer a signature session under authentication', async () => {
    const { sessionID } = await sign(start)
    const res = await service.inject({
      url: `/mid-api/authentication/session/${sessionID}?timeoutMs=1000`,
    })
    expect(res.statusCode).toBe(404)
  })
})
