import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CertificateAuthority } from '../../sandbox/ca/certificateAuthority.ts'
import {
  buildOcspResponder,
  OCSP_PATH,
} from '../../sandbox/ca/ocspResponder.ts'
import { createOcspChecker } from './ocsp/ocspClient.ts'
import { revocationRefusal } from './revocation.ts'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
}

describe('revocationRefusal against the sandbox CA’s OCSP responder', () => {
  const ocsp = createOcspChecker({ timeoutMs: 2000 })
  const responder = { close: async () => {} }
  let ca: CertificateAuthority

  beforeAll(async () => {
    ca = await CertificateAuthority.create({ name: 'Revocation' })
    const app = buildOcspResponder({ ca, log: pino({ level: 'silent' }) })
    await app.listen({ port: 0, host: '127.0.0.1' })
    responder.close = () => app.close()
    const { port } = app.server.address() as AddressInfo
    ca.useOcspResponder(`http://127.0.0.1:${port}${OCSP_PATH}`)
  })
  afterAll(() => responder.close())

  it('passes a good certificate and refuses a revoked one', async () => {
    const issued = await ca.issue(MARY, 'mobile-id')
    const check = {
      certificate: issued.certificate,
      issuer: ca.issuingCertificate,
    }
    expect(await revocationRefusal(ocsp, check, new Date())).toBeUndefined()
    await ca.revoke(issued.serial)
    expect(await revocationRefusal(ocsp, check, new Date())).toBe(
      'CERTIFICATE_REVOKED',
    )
  })

  it('fails closed when the named responder does not answer', async () => {
    const silent = await CertificateAuthority.create({ name: 'Silent' })
    silent.useOcspResponder('http://127.0.0.1:9/ocsp')
    const issued = await silent.issue(MARY, 'smart-id')
    const check = {
      certificate: issued.certificate,
      issuer: silent.issuingCertificate,
    }
    for (const optional of [false, true]) {
      expect(
        await revocationRefusal(ocsp, check, new Date(), { optional }),
      ).toBe('OCSP_UNAVAILABLE')
    }
  })

  it('lets a phone certificate without a responder pass, but not an ID-card’s', async () => {
    const plain = await CertificateAuthority.create({ name: 'No OCSP' })
    const issued = await plain.issue(MARY, 'mobile-id')
    const check = {
      certificate: issued.certificate,
      issuer: plain.issuingCertificate,
    }
    expect(
      await revocationRefusal(ocsp, check, new Date(), { optional: true }),
    ).toBeUndefined()
    expect(await revocationRefusal(ocsp, check, new Date())).toBe(
      'OCSP_UNAVAILABLE',
    )
  })
})
