/**
 * The results the portal adds to an identity provider's own when it
 * refuses a completed transfer signature.
 */
export const SIGNING_RESULTS = [
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_NOT_FOR_SIGNING',
  'IDENTITY_MISMATCH',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_STATUS_UNKNOWN',
  'OCSP_UNAVAILABLE',
] as const
