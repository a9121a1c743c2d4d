import type { X509Certificate } from '@peculiar/x509'
import type { OcspChecker } from '../eid/ocsp/ocspClient.ts'
import { revocationRefusal } from '../eid/revocation.ts'
import { checkSigningCertificate } from '../eid/signingCertificate.ts'

/** What a signature is checked against. */
export interface SigningTrust {
  /** Issuing CAs trusted for eID (EID_TRUSTED_CA_FILE or the sandbox CA). */
  anchors: X509Certificate[]
  ocsp: OcspChecker
  now: Date
}

/**
 * Judges a completed transfer signature: OK only when the certificate is
 * a signing certificate from a trusted CA, valid now, `verify` accepts the
 * signature with it (over exactly the transfer's digest), the certificate
 * names the signed-in citizen, and its issuer's OCSP responder says
 * `good`, asked last so a forged answer costs no network call. For
 * Mobile-ID and Smart-ID a certificate naming no responder passes, as in
 * sign-in (revocation.ts); an ID-card's must name one.
 */
export async function judgeSignature(
  input: {
    certificate: Uint8Array
    personalCode: string
    verify: (certificate: X509Certificate) => boolean
    ocspRequired: boolean
  },
  trust: SigningTrust,
): Promise<string> {
  const check = await checkSigningCertificate(input.certificate, trust)
  if (!check.ok) return check.refusal
  if (!input.verify(check.certificate)) return 'SIGNATURE_INVALID'
  if (
    check.person.country !== 'EE' ||
    check.person.personalCode !== input.personalCode
  ) {
    return 'IDENTITY_MISMATCH'
  }
  const revoked = await revocationRefusal(trust.ocsp, check, trust.now, {
    optional: !input.ocspRequired,
  })
  return revoked ?? 'OK'
}
