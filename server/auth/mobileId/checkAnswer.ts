import type { X509Certificate } from '@peculiar/x509'
import { checkAuthCertificate } from '../../eid/authCertificate.ts'
import { verifyDigestSignature } from '../../eid/digestSignature.ts'
import type { OcspChecker } from '../../eid/ocsp/ocspClient.ts'
import { revocationRefusal } from '../../eid/revocation.ts'
import type { Judgement } from '../phoneSignInRoutes.ts'
import type { MobileIdStatus } from './mobileIdClient.ts'

/**
 * Accepts a completed Mobile-ID answer only when the certificate chains to
 * a trusted issuing CA, is valid now and meant for authentication, the
 * signature verifies over exactly the hash that was sent, and the
 * certificate names the personal code the citizen entered, and its
 * issuer's OCSP responder, where the certificate names one, says `good`
 * (asked last, so a forged answer costs no network call).
 */
export async function checkAnswer(
  status: Extract<MobileIdStatus, { state: 'COMPLETE' }>,
  sent: { hash: Uint8Array; hashType: string; personalCode: string },
  trust: { anchors: X509Certificate[]; now: Date; ocsp: OcspChecker },
): Promise<Judgement> {
  if (status.result !== 'OK') return { result: status.result }
  if (!status.cert || !status.signature) {
    return { result: 'SIGNATURE_INVALID' }
  }

  const check = await checkAuthCertificate(
    Buffer.from(status.cert, 'base64'),
    trust,
  )
  if (!check.ok) return { result: check.refusal }

  const verified = verifyDigestSignature({
    certificate: check.certificate,
    digest: sent.hash,
    hashType: sent.hashType,
    signature: Buffer.from(status.signature.value, 'base64'),
    algorithm: status.signature.algorithm,
  })
  if (!verified) return { result: 'SIGNATURE_INVALID' }

  if (check.person.personalCode !== sent.personalCode) {
    return { result: 'IDENTITY_MISMATCH' }
  }
  const revoked = await revocationRefusal(trust.ocsp, check, trust.now, {
    optional: true,
  })
  if (revoked) return { result: revoked }
  return { result: 'OK', person: check.person }
}
