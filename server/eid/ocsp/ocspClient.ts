import 'reflect-metadata'
import { randomBytes } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { certIdFor } from './certId.ts'
import { buildOcspRequest } from './ocspRequest.ts'
import { readOcspResponse, type OcspCertificateStatus } from './ocspResponse.ts'

/**
 * A certificate's revocation status, or `unavailable` when no trustworthy
 * answer was had (no responder URL, unreachable, slow, malformed, badly
 * signed or stale). Callers refuse everything except `good`.
 */
export type OcspStatus = OcspCertificateStatus | 'unavailable'

/** Asks the issuer's OCSP responder about a certificate. */
export type OcspChecker = (
  certificate: x509.X509Certificate,
  issuer: x509.X509Certificate,
  now: Date,
) => Promise<OcspStatus>

/** Far above a one-certificate answer with a responder certificate. */
const MAX_RESPONSE_BYTES = 64 * 1024

/** The OCSP responder URL of a certificate's AIA extension, if any. */
export function ocspUrlOf(
  certificate: x509.X509Certificate,
): string | undefined {
  const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension)
  const url = aia?.ocsp.find((name) => name.type === 'url')?.value
  return url && /^https?:\/\//.test(url) ? url : undefined
}

/**
 * An OCSP client: POSTs a request with a fresh nonce to the responder named
 * in the certificate's AIA extension and checks the signed answer. Any
 * failure is `unavailable`, never `good`.
 */
export function createOcspChecker(
  options: {
    timeoutMs?: number
    onFailure?: (problem: string) => void
  } = {},
): OcspChecker {
  const timeoutMs = options.timeoutMs ?? 5000
  return async (certificate, issuer, now) => {
    const url = ocspUrlOf(certificate)
    if (!url) {
      options.onFailure?.('the certificate names no OCSP responder')
      return 'unavailable'
    }
    try {
      const certId = certIdFor(certificate.rawData, issuer.rawData)
      const nonce = randomBytes(32)
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/ocsp-request',
          accept: 'application/ocsp-response',
        },
        body: new Uint8Array(buildOcspRequest(certId, nonce)),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      })
      if (!response.ok) {
        throw new Error(`the responder answered HTTP ${response.status}`)
      }
      const der = new Uint8Array(await response.arrayBuffer())
      if (der.length > MAX_RESPONSE_BYTES) {
        throw new Error('the response is larger than any OCSP answer should be')
      }
      return await readOcspResponse(der, { certId, issuer, nonce, now })
    } catch (err) {
      options.onFailure?.(err instanceof Error ? err.message : String(err))
      return 'unavailable'
    }
  }
}
