import 'reflect-metadata'
import { describe, expect, it } from 'vitest'
import { CertificateAuthority } from '../../sandbox/ca/certificateAuthority.ts'
import { checkSigningCertificate } from './signingCertificate.ts'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
}
const DAY = 24 * 60 * 60 * 1000

describe('the check of a signing certificate', () => {
  it('accepts a trusted nonRepudiation certificate and names its holder', async () => {
    const ca = await CertificateAuthority.create()
    const issued = await ca.issue(MARY, 'id-card-signing')
    const check = await checkSigningCertificate(
      new Uint8Array(issued.certificate.rawData),
      { anchors: [ca.issuingCertificate], now: new Date() },
    )
    expect(check).toMatchObject({
      ok: true,
      person: { personalCode: MARY.personalCode, country: 'EE' },
    })
  })

  it.each([
    ['mobile-id', 'CERTIFICATE_NOT_FOR_SIGNING'],
    ['smart-id', 'CERTIFICATE_NOT_FOR_SIGNING'],
    ['id-card', 'CERTIFICATE_NOT_FOR_SIGNING'],
  ] as const)(
    'refuses a %s authentication certificate',
    async (purpose, refusal) => {
      const ca = await CertificateAuthority.create()
      const issued = await ca.issue(MARY, purpose)
      const check = await checkSigningCertificate(
        new Uint8Array(issued.certificate.rawData),
        { anchors: [ca.issuingCertificate], now: new Date() },
      )
      expect(check).toEqual({ ok: false, refusal })
    },
  )

  it('refuses an expired one and one from another CA', async () => {
    const ca = await CertificateAuthority.create()
    const other = await CertificateAuthority.create()
    const expired = await ca.issue(MARY, 'mobile-id-signing', {
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    })
    const foreign = await other.issue(MARY, 'mobile-id-signing')
    const check = (der: ArrayBuffer) =>
      checkSigningCertificate(new Uint8Array(der), {
        anchors: [ca.issuingCertificate],
        now: new Date(),
      })
    expect(await check(expired.certificate.rawData)).toEqual({
      ok: false,
      refusal: 'CERTIFICATE_EXPIRED',
    })
    expect(await check(foreign.certificate.rawData)).toEqual({
      ok: false,
      refusal: 'CERTIFICATE_UNTRUSTED',
    })
    expect(await check(new ArrayBuffer(8))).toEqual({
      ok: false,
      refusal: 'CERTIFICATE_UNTRUSTED',
    })
  })
})
