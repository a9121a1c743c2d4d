import 'reflect-metadata'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CertificateAuthority } from '../../sandbox/ca/certificateAuthority.ts'
import { signDigestPss } from '../../sandbox/smartId/pssDigestSignature.ts'
import { verifyPssDigestSignature } from './pssDigestSignature.ts'

describe('an RSASSA-PSS signature over a digest', () => {
  it('verifies over that digest only, with the signer’s key only', async () => {
    const ca = await CertificateAuthority.create()
    const holder = {
      personalCode: '60001019906',
      givenName: 'MARY ÄNN',
      familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
    }
    const issued = await ca.issue(holder, 'smart-id-signing')
    const other = await ca.issue(holder, 'smart-id-signing')
    const digest = createHash('sha512').update('transfer').digest()
    const signature = signDigestPss(issued.privateKey, digest, 'sha512')
    const check = (certificate = issued.certificate, signed = digest) =>
      verifyPssDigestSignature({
        certificate,
        digest: signed,
        hash: 'sha512',
        signature,
      })

    expect(check()).toBe(true)
    expect(
      check(issued.certificate, createHash('sha512').update('x').digest()),
    ).toBe(false)
    expect(check(other.certificate)).toBe(false)
    const flipped = Buffer.from(signature)
    flipped[10] = (flipped[10] ?? 0) ^ 1
    expect(
      verifyPssDigestSignature({
        certificate: issued.certificate,
        digest,
        hash: 'sha512',
        signature: flipped,
      }),
    ).toBe(false)
  })
})
