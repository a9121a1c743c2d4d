import type { X509Certificate } from '@peculiar/x509'
import {
  checkAuthCertificate,
  type CertificateRefusal,
  type CertifiedPerson,
} from '../authCertificate.ts'
import type { OcspChecker } from '../ocsp/ocspClient.ts'
import { revocationRefusal } from '../revocation.ts'
import { readAuthToken } from './authToken.ts'
import { hasRefusedPolicy } from './certificatePolicies.ts'
import { verifyTokenSignature } from './tokenSignature.ts'

/** Why a Web eID token was refused; each is a core error code. */
export type WebEidRefusal =
  | CertificateRefusal
  | 'TOKEN_INVALID'
  | 'SIGNATURE_INVALID'
  | 'CERTIFICATE_POLICY_REFUSED'
  | 'CERTIFICATE_REVOKED'
  | 'CERTIFICATE_STATUS_UNKNOWN'
  | 'OCSP_UNAVAILABLE'

/** The person the token proves, or the reason it was refused. */
export type WebEidResult =
  | { ok: true; person: CertifiedPerson; certificate: X509Certificate }
  | { ok: false; refusal: WebEidRefusal }

/** What a token is checked against. */
export interface WebEidTrust {
  /** Issuing CAs trusted for ID-card authentication. */
  anchors: X509Certificate[]
  /** The portal's origin as browsers see it, e.g. `https://portal.ee`. */
  origin: string
  now: Date
  /** Asks the issuer's OCSP responder; anything but `good` is refused. */
  ocsp: OcspChecker
}

/**
 * Validates a Web eID authentication token for the challenge `nonce`:
 * format `web-eid:1.x`; a certificate that parses, chains to a trusted
 * issuing CA, is valid now and meant for authentication (digitalSignature,
 * clientAuth), and carries no Mobile-ID policy; a signature over
 * hash(origin) ‖ hash(nonce); and a `good` OCSP answer (fail closed). The
 * signature is checked before OCSP so a forged token costs no network call.
 */
export async function validateAuthToken(
  value: unknown,
  nonce: string,
  trust: WebEidTrust,
): Promise<WebEidResult> {
  const token = readAuthToken(value)
  if (!token) return { ok: false, refusal: 'TOKEN_INVALID' }

  const check = await checkAuthCertificate(
    Buffer.from(token.unverifiedCertificate, 'base64'),
    { anchors: trust.anchors, now: trust.now },
  )
  if (!check.ok) return { ok: false, refusal: check.refusal }
  if (hasRefusedPolicy(check.certificate)) {
    return { ok: false, refusal: 'CERTIFICATE_POLICY_REFUSED' }
  }

  const signed = verifyTokenSignature({
    certificate: check.certificate,
    algorithm: token.algorithm,
    origin: trust.origin,
    nonce,
    signature: Buffer.from(token.signature, 'base64'),
  })
  if (!signed) return { ok: false, refusal: 'SIGNATURE_INVALID' }

  const revoked = await revocationRefusal(trust.ocsp, check, trust.now)
  if (revoked) return { ok: false, refusal: revoked }
  return { ok: true, person: check.person, certificate: check.certificate }
}
