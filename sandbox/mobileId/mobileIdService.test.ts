import { p256 } from '@noble/curves/nist.js'
import { X509Certificate } from 'node:crypto'
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
const start = {
  ...DEMO,
  phoneNumber: '+37200000766',
  nationalIdentityNumber: '60001019906',
  hash: Buffer.alloc(32, 1).toString('base64'),
  hashType: 'SHA256',
  language: 'ENG',
  displayText: 'Citizen Portal',
}

/** Whether the answer's signature verifies over `hash` with its cert. */
function signsOver(
  body: { cert: string; signature: { value: string } },
  hash: Buffer,
): boolean {
  const cert = new X509Certificate(Buffer.from(body.cert, 'base64'))
  const key = cert.publicKey.export({ format: 'jwk' })
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(key.x ?? '', 'base64url'),
    Buffer.from(key.y ?? '', 'base64url'),
  ])
  const signature = Buffer.from(body.signature.value, 'base64')
  return p256.verify(signature, hash, point, { prehash: false })
}

describe('the sandbox Mobile-ID service', () => {
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

  const post = (payload: object) =>
    service.inject({
      method: 'POST',
      url: '/mid-api/authentication',
      payload,
    })

  const complete = async (payload: object) => {
    const { sessionID } = (await post(payload)).json<{ sessionID: string }>()
    const res = await service.inject({
      url: `/mid-api/authentication/session/${sessionID}?timeoutMs=1000`,
    })
    return res.json()
  }

  it('answers 401 to an unknown relying party', async () => {
    const res = await post({ ...start, relyingPartyName: 'SOMEONE' })
    expect(res.statusCode).toBe(401)
  })

  it.each([
    ['a hash of the wrong size', { hash: Buffer.alloc(20).toString('base64') }],
    ['a hash that is not base64', { hash: '!'.repeat(44) }],
    ['an unknown hash type', { hashType: 'MD5' }],
    ['a phone number without +', { phoneNumber: '37200000766' }],
    ['a short national identity number', { nationalIdentityNumber: '600' }],
  ])('answers 400 to %s', async (_name, change) => {
    const res = await post({ ...start, ...change })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toEqual(expect.any(String))
  })

  it('signs the sent hash with the holder’s certificate key', async () => {
    const body = await complete(start)
    expect(body).toMatchObject({ state: 'COMPLETE', result: 'OK' })
    expect(body.signature.algorithm).toBe('SHA256WithECEncryption')
    expect(signsOver(body, Buffer.alloc(32, 1))).toBe(true)
  })

  it('signs something else for the SIGNATURE_HASH_MISMATCH number', async () => {
    const body = await complete({
      ...start,
      phoneNumber: '+37200000666',
      nationalIdentityNumber: '60001019961',
    })
    expect(body.result).toBe('SIGNATURE_HASH_MISMATCH')
    expect(signsOver(body, Buffer.alloc(32, 1))).toBe(false)
  })

  it('answers RUNNING until the phone confirms', async () => {
    const slow = buildMobileIdService({
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
        url: '/mid-api/authentication',
        payload: start,
      })
    ).json<{ sessionID: string }>()
    const res = await slow.inject({
      url: `/mid-api/authentication/session/${sessionID}?timeoutMs=1000`,
    })
    expect(res.json()).toEqual({ state: 'RUNNING' })
    await slow.close()
  })

  it('answers 404 for an unknown session', async () => {
    const res = await service.inject({
      url: '/mid-api/authentication/session/nope?timeoutMs=1000',
    })
    expect(res.statusCode).toBe(404)
  })
})
