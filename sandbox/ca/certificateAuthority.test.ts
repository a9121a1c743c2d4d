import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import {
  CERTIFICATE_POLICIES,
  CertificateAuthority,
} from './certificateAuthority.ts'

const mary = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
}

describe.each(testDatabases())('the sandbox CA on $name', (engine) => {
  let database: PortalDatabase
  let ca: CertificateAuthority

  beforeAll(async () => {
    database = await engine.open()
    ca = await CertificateAuthority.open(database.db as Kysely<unknown>)
  })
  afterAll(() => database.close())

  it('issues Mobile-ID authentication certificates under its issuing CA', async () => {
    const { certificate } = await ca.issue(mary, 'mobile-id')
    expect(certificate.subjectName.getField('2.5.4.5')).toEqual([
      'PNOEE-60001019906',
    ])
    expect(certificate.subjectName.getField('2.5.4.42')).toEqual(['MARY ÄNN'])
    expect(certificate.subjectName.getField('C')).toEqual(['EE'])
    const usage = certificate.getExtension(x509.KeyUsagesExtension)
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature)
    const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)
    expect(eku?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth])
    const policies = certificate.getExtension(x509.CertificatePolicyExtension)
    expect(policies?.policies).toEqual([CERTIFICATE_POLICIES['mobile-id']])
    expect(await certificate.verify({ publicKey: ca.issuingCertificate })).toBe(
      true,
    )
  })

  it('issues ID-card certificates as a card carries them, naming its OCSP responder', async () => {
    ca.useOcspResponder('http://127.0.0.1:8085/ocsp')
    const { certificate } = await ca.issue(mary, 'id-card')
    const usage = certificate.getExtension(x509.KeyUsagesExtension)
    expect(usage?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
    )
    const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)
    expect(eku?.usages).toEqual([
      x509.ExtendedKeyUsage.clientAuth,
      x509.ExtendedKeyUsage.emailProtection,
    ])
    const policies = certificate.getExtension(x509.CertificatePolicyExtension)
    expect(policies?.policies).toEqual([CERTIFICATE_POLICIES['id-card']])
    const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension)
    expect(aia?.ocsp.map((n) => n.value)).toEqual([
      'http://127.0.0.1:8085/ocsp',
    ])
  })

  it('replaces a live certificate that names another OCSP responder', async () => {
    ca.useOcspResponder('http://127.0.0.1:1111/ocsp')
    const first = await ca.certificateFor(mary, 'id-card')
    expect(await ca.certificateFor(mary, 'id-card')).toMatchObject({
      serial: first.serial,
    })
    ca.useOcspResponder('http://127.0.0.1:2222/ocsp')
    const next = await ca.certificateFor(mary, 'id-card')
    expect(next.serial).not.toBe(first.serial)
  })

  it('is made once per database and loaded on the next start', async () => {
    const again = await CertificateAuthority.open(
      database.db as Kysely<unknown>,
    )
    expect(again.issuingPem).toBe(ca.issuingPem)
    expect(again.rootPem).toBe(ca.rootPem)
  })

  it('reuses a holder’s live certificate', async () => {
    const first = await ca.certificateFor(mary, 'smart-id')
    const second = await ca.certificateFor(mary, 'smart-id')
    expect(second.serial).toBe(first.serial)
  })

  it('reports good, revoked and unknown certificates', async () => {
    const { serial } = await ca.issue(mary, 'id-card')
    expect((await ca.status(serial)).status).toBe('good')
    await ca.revoke(serial)
    expect((await ca.status(serial)).status).toBe('revoked')
    expect((await ca.status('0badc0de')).status).toBe('unknown')
    const next = await ca.certificateFor(mary, 'id-card')
    expect(next.serial).not.toBe(serial)
  })

  it('gives a CA made in memory its own keys', async () => {
    const other = await CertificateAuthority.create({ name: 'Other' })
    const { certificate } = await other.issue(mary, 'mobile-id')
    expect(other.issuingPem).not.toBe(ca.issuingPem)
    expect(
      await certificate.verify({
        publicKey: ca.issuingCertificate,
        signatureOnly: true,
      }),
    ).toBe(false)
  })
})
