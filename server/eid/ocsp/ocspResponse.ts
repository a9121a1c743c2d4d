import 'reflect-metadata'
import {
  BasicOCSPResponse,
  CertID,
  id_kp_OCSPSigning,
  id_pkix_ocsp_basic,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
} from '@peculiar/asn1-ocsp'
import { AsnConvert } from '@peculiar/asn1-schema'
import * as x509 from '@peculiar/x509'
import { verifyAsn1Signature } from './asn1Signature.ts'
import { issuerHashes, sameCertId } from './certId.ts'
import { nonceOf } from './ocspRequest.ts'

/** The certificate status an OCSP responder vouched for. */
export type OcspCertificateStatus = 'good' | 'revoked' | 'unknown'

/** An OCSP answer the portal cannot rely on; the sign-in fails closed. */
export class OcspResponseError extends Error {
  override name = 'OcspResponseError'
}

/** How far the responder's clock may be off, as Web eID allows. */
const ALLOWED_SKEW_MS = 15 * 60 * 1000
/** How old a response's thisUpdate may be beyond the skew. */
const MAX_THIS_UPDATE_AGE_MS = 2 * 60 * 1000

function fail(problem: string): never {
  throw new OcspResponseError(`OCSP response refused: ${problem}`)
}

function responderMatches(
  id: ResponderID,
  candidate: x509.X509Certificate,
): boolean {
  if (id.byKey) {
    const hashes = issuerHashes(candidate.rawData, '1.3.14.3.2.26')
    return !!hashes && hashes.keyHash.equals(Buffer.from(id.byKey.buffer))
  }
  if (id.byName) {
    const name = Buffer.from(AsnConvert.serialize(id.byName))
    return name.equals(Buffer.from(candidate.subjectName.toArrayBuffer()))
  }
  return false
}

/**
 * The certificate that signed the response: the issuing CA itself or a
 * delegated responder certificate it issued for OCSP signing (RFC 6960
 * §4.2.2.2), valid at `now`.
 */
async function signerOf(
  basic: BasicOCSPResponse,
  issuer: x509.X509Certificate,
  now: Date,
): Promise<x509.X509Certificate> {
  const id = basic.tbsResponseData.responderID
  if (responderMatches(id, issuer)) return issuer

  for (const asn of basic.certs ?? []) {
    const candidate = new x509.X509Certificate(AsnConvert.serialize(asn))
    if (!responderMatches(id, candidate)) continue
    const signedByIssuer =
      candidate.issuer === issuer.subject &&
      (await candidate
        .verify({ publicKey: issuer, signatureOnly: true })
        .catch(() => false))
    const eku = candidate.getExtension(x509.ExtendedKeyUsageExtension)
    const forOcsp = eku?.usages.map(String).includes(id_kp_OCSPSigning)
    const valid = candidate.notBefore <= now && candidate.notAfter >= now
    if (signedByIssuer && forOcsp && valid) return candidate
    fail('the delegated responder certificate is not authorised')
  }
  fail('it is not signed by the issuer or a responder it authorised')
}

/**
 * Reads and checks an OCSP response for one certificate: successful, basic,
 * signed by the issuer or its delegated responder, about exactly `certId`,
 * echoing `nonce` when it carries one, and fresh at `now`. Returns the
 * status; throws OcspResponseError for anything it cannot rely on.
 */
export async function readOcspResponse(
  der: Uint8Array,
  expected: {
    certId: CertID
    issuer: x509.X509Certificate
    nonce: Uint8Array
    now: Date
  },
): Promise<OcspCertificateStatus> {
  let basic: BasicOCSPResponse
  try {
    const response = AsnConvert.parse(der, OCSPResponse)
    if (response.responseStatus !== OCSPResponseStatus.successful) {
      fail(
        `the responder answered ${OCSPResponseStatus[response.responseStatus]}`,
      )
    }
    if (response.responseBytes?.responseType !== id_pkix_ocsp_basic) {
      fail('it is not a basic OCSP response')
    }
    basic = AsnConvert.parse(response.responseBytes.response, BasicOCSPResponse)
  } catch (err) {
    if (err instanceof OcspResponseError) throw err
    fail('it is not DER-encoded OCSP')
  }

  const { now } = expected
  const signer = await signerOf(basic, expected.issuer, now)
  const tbs =
    basic.tbsResponseDataRaw ?? AsnConvert.serialize(basic.tbsResponseData)
  const signed = verifyAsn1Signature({
    algorithmOid: basic.signatureAlgorithm.algorithm,
    spki: signer.publicKey.rawData,
    data: tbs,
    signature: basic.signature,
  })
  if (!signed) fail('its signature does not verify')

  const data = basic.tbsResponseData
  const nonce = nonceOf(data.responseExtensions)
  if (nonce && !nonce.equals(Buffer.from(expected.nonce))) {
    fail('it answers another request (nonce mismatch)')
  }
  const single = data.responses.find((r) =>
    sameCertId(r.certID, expected.certId),
  )
  if (!single) fail('it does not mention the certificate asked about')

  const earliest = now.getTime() - ALLOWED_SKEW_MS - MAX_THIS_UPDATE_AGE_MS
  const thisUpdate = single.thisUpdate.getTime()
  if (thisUpdate > now.getTime() + ALLOWED_SKEW_MS) {
    fail('its thisUpdate is in the future')
  }
  if (thisUpdate < earliest) fail('its thisUpdate is too old')
  if (
    single.nextUpdate &&
    single.nextUpdate.getTime() < now.getTime() - ALLOWED_SKEW_MS
  ) {
    fail('its nextUpdate has passed')
  }

  if (single.certStatus.revoked) return 'revoked'
  if (single.certStatus.good !== undefined) return 'good'
  return 'unknown'
}
