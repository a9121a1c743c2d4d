import {
  CertID,
  id_pkix_ocsp_nonce,
  OCSPRequest,
  Request,
  TBSRequest,
} from '@peculiar/asn1-ocsp'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { Extension } from '@peculiar/asn1-x509'

/**
 * An unsigned OCSP request (RFC 6960 §4.1) for one certificate, with a
 * nonce extension (RFC 8954) so a replayed answer is detected. DER.
 */
export function buildOcspRequest(certId: CertID, nonce: Uint8Array): Buffer {
  const request = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: certId })],
      requestExtensions: [
        new Extension({
          extnID: id_pkix_ocsp_nonce,
          critical: false,
          extnValue: new OctetString(
            AsnConvert.serialize(new OctetString(nonce)),
          ),
        }),
      ],
    }),
  })
  return Buffer.from(AsnConvert.serialize(request))
}

/** The nonce of an OCSP request's or response's extensions, if any. */
export function nonceOf(extensions: Extension[] | undefined): Buffer | null {
  const extension = extensions?.find((e) => e.extnID === id_pkix_ocsp_nonce)
  if (!extension) return null
  try {
    const inner = AsnConvert.parse(extension.extnValue, OctetString)
    return Buffer.from(inner.buffer)
  } catch {
    return Buffer.alloc(0)
  }
}
