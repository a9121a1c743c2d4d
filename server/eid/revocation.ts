import type { X509Certificate } from '@peculiar/x509'
import { ocspUrlOf, type OcspChecker } from './ocsp/ocspClient.ts'

/** The portal's refusals of a certificate its issuer does not vouch for. */
export type RevocationRefusal =
  'CERTIFICATE_REVOKED' | 'CERTIFICATE_STATUS_UNKNOWN' | 'OCSP_UNAVAILABLE'

const OCSP_REFUSALS = {
  revoked: 'CERTIFICATE_REVOKED',
  unknown: 'CERTIFICATE_STATUS_UNKNOWN',
  unavailable: 'OCSP_UNAVAILABLE',
} as const

/**
 * Asks the certificate's OCSP responder; anything but `good` is a refusal
 * (fail closed). With `optional`, a certificate that names no responder
 * passes: Mobile-ID and Smart-ID answer only for live accounts, and the
 * public API does not promise an OCSP address in their certificates; an
 * ID-card certificate must always name one.
 */
export async function revocationRefusal(
  ocsp: OcspChecker,
  check: { certificate: X509Certificate; issuer: X509Certificate },
  now: Date,
  options: { optional?: boolean } = {},
): Promise<RevocationRefusal | undefined> {
  if (options.optional && !ocspUrlOf(check.certificate)) return undefined
  const status = await ocsp(check.certificate, check.issuer, now)
  return status === 'good' ? undefined : OCSP_REFUSALS[status]
}
