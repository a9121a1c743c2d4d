import 'reflect-metadata'
import { randomBytes, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CertificateAuthority } from '../../../sandbox/ca/certificateAuthority.ts'
import {
  buildOcspResponder,
  type DelegatedResponder,
  OCSP_PATH,
  respondToOcsp,
} from '../../../sandbox/ca/ocspResponder.ts'
import { certIdFor } from './certId.ts'
import { createOcspChecker, ocspUrlOf } from './ocspClient.ts'
import { buildOcspRequest } from './ocspRequest.ts'
import { OcspResponseError, readOcspResponse } from './ocspResponse.ts'

const holder = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK',
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return `http://127.0.0.1:${port}`
}

describe('the OCSP client against the sandbox responder', () => {
  let ca: CertificateAuthority
  let responder: FastifyInstance
  const problems: string[] = []
  const check = createOcspChecker({
    timeoutMs: 2000,
    onFailure: (p) => problems.push(p),
  })

  beforeAll(async () => {
    ca = await CertificateAuthority.create()
    responder = buildOcspResponder({ ca, log: pino({ level: 'silent' }) })
    ca.useOcspResponder(`${await listen(responder)}${OCSP_PATH}`)
  })
  afterAll(() => responder.close())

  it('puts the responder URL in the AIA of issued certificates', async () => {
    const { certificate } = await ca.issue(holder, 'id-card')
    expect(ocspUrlOf(certificate)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocsp$/)
  })

  it('answers good for a live certificate and revoked once revoked', async () => {
    const issued = await ca.issue(holder, 'id-card')
    const issuer = ca.issuingCertificate
    expect(await check(issued.certificate, issuer, new Date())).toBe('good')
    await ca.revoke(issued.serial)
    expect(await check(issued.certificate, issuer, new Date())).toBe('revoked')
  })

  it('is unavailable when the issuer given is not the one that answers', async () => {
    const other = await CertificateAuthority.create({ name: 'Other' })
    const { certificate } = await ca.issue(holder, 'id-card')
    problems.length = 0
    const status = await check(
      certificate,
      other.issuingCertificate,
      new Date(),
    )
    expect(status).toBe('unavailable')
    expect(problems.join()).toMatch(/not signed by the issuer/)
  })

  it('is unavailable when the answer is stale for the clock', async () => {
    const { certificate } = await ca.issue(holder, 'id-card')
    const later = new Date(Date.now() + 60 * 60 * 1000)
    expect(await check(certificate, ca.issuingCertificate, later)).toBe(
      'unavailable',
    )
  })

  it('is unavailable for a certificate that names no responder', async () => {
    const bare = await CertificateAuthority.create({ name: 'Bare' })
    const { certificate } = await bare.issue(holder, 'id-card')
    expect(ocspUrlOf(certificate)).toBeUndefined()
    expect(await check(certificate, bare.issuingCertificate, new Date())).toBe(
      'unavailable',
    )
  })

  it('is unavailable when the responder is down or answers an error', async () => {
    const failing = Fastify()
    failing.post('/ocsp', async (_request, reply) => reply.status(500).send())
    const url = await listen(failing)
    const down = await CertificateAuthority.create({ name: 'Down' })
    down.useOcspResponder(`${url}/ocsp`)
    const { certificate } = await down.issue(holder, 'id-card')
    const issuer = down.issuingCertificate
    expect(await check(certificate, issuer, new Date())).toBe('unavailable')
    await failing.close()
    expect(await check(certificate, issuer, new Date())).toBe('unavailable')
  })
})

describe('reading OCSP responses', () => {
  let ca: CertificateAuthority

  beforeAll(async () => {
    ca = await CertificateAuthority.create()
  })

  async function exchange(options: {
    serialOf?: 'issued' | 'never-issued'
    answeredAt?: Date
    answeredNonce?: Buffer
  }) {
    const { certificate } = await ca.issue(holder, 'id-card')
    const certId = certIdFor(certificate.rawData, ca.issuingCertificate.rawData)
    if (options.serialOf === 'never-issued') {
      certId.serialNumber = new Uint8Array(randomBytes(16)).buffer
    }
    const nonce = randomBytes(32)
    const body = buildOcspRequest(certId, options.answeredNonce ?? nonce)
    const der = await respondToOcsp(ca, body, options.answeredAt)
    return readOcspResponse(der, {
      certId,
      issuer: ca.issuingCertificate,
      nonce,
      now: new Date(),
    })
  }

  it('reads good for a certificate the CA issued', async () => {
    expect(await exchange({})).toBe('good')
  })

  it('reads unknown for a serial the CA never issued', async () => {
    expect(await exchange({ serialOf: 'never-issued' })).toBe('unknown')
  })

  it('refuses an answer to another request’s nonce', async () => {
    await expect(exchange({ answeredNonce: randomBytes(32) })).rejects.toThrow(
      OcspResponseError,
    )
  })

  it('refuses an answer from the future or the past', async () => {
    const hour = 60 * 60 * 1000
    await expect(
      exchange({ answeredAt: new Date(Date.now() + hour) }),
    ).rejects.toThrow(/future/)
    await expect(
      exchange({ answeredAt: new Date(Date.now() - hour) }),
    ).rejects.toThrow(/old|nextUpdate/)
  })

  it('refuses bytes that are not OCSP and an unsuccessful status', async () => {
    const base = {
      certId: certIdFor(
        (await ca.issue(holder, 'id-card')).certificate.rawData,
        ca.issuingCertificate.rawData,
      ),
      issuer: ca.issuingCertificate,
      nonce: randomBytes(32),
      now: new Date(),
    }
    await expect(
      readOcspResponse(new Uint8Array([1, 2, 3]), base),
    ).rejects.toThrow(/DER/)
    const malformed = await respondToOcsp(ca, new Uint8Array([48, 0]))
    await expect(readOcspResponse(malformed, base)).rejects.toThrow(
      /malformedRequest/,
    )
  })
})

describe('OCSP responses from a delegated responder', () => {
  let ca: CertificateAuthority

  beforeAll(async () => {
    ca = await CertificateAuthority.create()
  })

  async function delegate(options: {
    signedBy: CertificateAuthority
    forOcsp: boolean
  }): Promise<DelegatedResponder> {
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: '0a',
      subject: 'CN=TEST of Sandbox OCSP responder',
      issuer: options.signedBy.issuingCertificate.subject,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      signingAlgorithm: algorithm,
      publicKey: keys.publicKey,
      signingKey: options.signedBy.issuingKeys.privateKey,
      extensions: options.forOcsp
        ? [
            new x509.ExtendedKeyUsageExtension([
              x509.ExtendedKeyUsage.ocspSigning,
            ]),
          ]
        : [],
    })
    return { certificate, privateKey: keys.privateKey }
  }

  async function exchange(responder: DelegatedResponder) {
    const { certificate } = await ca.issue(holder, 'id-card')
    const certId = certIdFor(certificate.rawData, ca.issuingCertificate.rawData)
    const nonce = randomBytes(32)
    const body = buildOcspRequest(certId, nonce)
    const der = await respondToOcsp(ca, body, new Date(), responder)
    return readOcspResponse(der, {
      certId,
      issuer: ca.issuingCertificate,
      nonce,
      now: new Date(),
    })
  }

  it('accepts a responder the issuer certified for OCSP signing', async () => {
    const responder = await delegate({ signedBy: ca, forOcsp: true })
    expect(await exchange(responder)).toBe('good')
  })

  it('refuses a responder certificate without the OCSP signing purpose', async () => {
    const responder = await delegate({ signedBy: ca, forOcsp: false })
    await expect(exchange(responder)).rejects.toThrow(/not authorised/)
  })

  it('refuses a responder certified by another CA', async () => {
    const other = await CertificateAuthority.create({ name: 'Other' })
    const responder = await delegate({ signedBy: other, forOcsp: true })
    await expect(exchange(responder)).rejects.toThrow(/not authorised/)
  })
})
