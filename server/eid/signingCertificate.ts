import * as x509 from '@peculiar/x509'
import {
  certifiedPerson,
  trustedCertificate,
  type CertificateRefusal,
  type CertifiedPerson,
} from './authCertificate.ts'

/** An accepted signing certificate, or the reason it was refused. */
export type SigningCertificateCheck =
  | {
      ok: true
      certificate: x509.X509Certificate
      person: CertifiedPerson
      issuer: x509.X509Certificate
    }
  | {
      ok: false
      refusal: CertificateRefusal | 'CERTIFICATE_NOT_FOR_SIGNING'
    }

/**
 * Checks a personal signing certificate: from a trusted issuing CA, valid
 * now, with the nonRepudiation (contentCommitment) key usage that marks a
 * certificate for electronic signatures, and naming a person by personal
 * code. An authentication certificate is refused, so a signature made
 * with the sign-in key does not count as the citizen's signature.
 * Revocation is checked elsewhere.
 */
export async function checkSigningCertificate(
  der: Uint8Array,
  options: { anchors: x509.X509Certificate[]; now: Date },
): Promise<SigningCertificateCheck> {
  const trusted = await trustedCertificate(der, options)
  if (!trusted.ok) return trusted
  const usage = trusted.certificate.getExtension(x509.KeyUsagesExtension)
  const person = certifiedPerson(trusted.certificate)
  if (!usage || !(usage.usages & x509.KeyUsageFlags.nonRepudiation)) {
    return { ok: false, refusal: 'CERTIFICATE_NOT_FOR_SIGNING' }
  }
  if (!person) return { ok: false, refusal: 'CERTIFICATE_NOT_FOR_SIGNING' }
  return {
    ok: true,
    certificate: trusted.certificate,
    issuer: trusted.issuer,
    person,
  }
}
