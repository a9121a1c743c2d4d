import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

/**
 * SK's Mobile-ID certificate policy arc (ESTEID-SK 2015: 1.3.6.1.4.1.10015.1.3
 * and its versions .1–.3). Web eID refuses such certificates: a Mobile-ID
 * key must not sign in as an ID-card.
 */
export const MOBILE_ID_POLICY = '1.3.6.1.4.1.10015.1.3'

/** True when the certificate carries a policy Web eID sign-in refuses. */
export function hasRefusedPolicy(certificate: x509.X509Certificate): boolean {
  const extension = certificate.getExtension(x509.CertificatePolicyExtension)
  return (extension?.policies ?? []).some(
    (oid) => oid === MOBILE_ID_POLICY || oid.startsWith(`${MOBILE_ID_POLICY}.`),
  )
}
