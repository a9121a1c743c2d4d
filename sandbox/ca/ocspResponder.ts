import 'reflect-metadata'
import { createHash, KeyObject, sign } from 'node:crypto'
import {
  BasicOCSPResponse,
  CertStatus,
  id_pkix_ocsp_basic,
  KeyHash,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
  type Request,
} from '@peculiar/asn1-ocsp'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509'
import type * as x509 from '@peculiar/x509'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { issuerHashes, serialHex } from '../../server/eid/ocsp/certId.ts'
import { nonceOf } from '../../server/eid/ocsp/ocspRequest.ts'
import type { CertificateAuthority } from './certificateAuthority.ts'

/** Where the responder answers: `POST <origin>/ocsp`. */
export const OCSP_PATH = '/ocsp'

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2'
/** How long a sandbox answer may be cached by a relying party. */
const NEXT_UPDATE_MS = 5 * 60 * 1000

function der(value: unknown): Buffer {
  return Buffer.from(AsnConvert.serialize(value))
}

function refusal(status: OCSPResponseStatus): Buffer {
  return der(new OCSPResponse({ responseStatus: status }))
}

async function answer(
  ca: CertificateAuthority,
  request: Request,
  now: Date,
): Promise<SingleResponse> {
  const certId = request.reqCert
  const issuer = issuerHashes(
    ca.issuingCertificate.rawData,
    certId.hashAlgorithm.algorithm,
  )
  const ours =
    !!issuer &&
    issuer.nameHash.equals(Buffer.from(certId.issuerNameHash.buffer)) &&
    issuer.keyHash.equals(Buffer.from(certId.issuerKeyHash.buffer))
  const known = ours ? await ca.status(serialHex(certId)) : undefined

  let certStatus: CertStatus
  if (known?.status === 'good') certStatus = new CertStatus({ good: null })
  else if (known?.status === 'revoked') {
    certStatus = new CertStatus({
      revoked: new RevokedInfo({ revocationTime: known.revokedAt ?? now }),
    })
  } else certStatus = new CertStatus({ unknown: null })

  return new SingleResponse({
    certID: certId,
    certStatus,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + NEXT_UPDATE_MS),
  })
}

/**
 * A delegated responder: a certificate the issuing CA gave for OCSP
 * signing (RFC 6960 §4.2.2.2) and its private key.
 */
export interface DelegatedResponder {
  certificate: x509.X509Certificate
  privateKey: CryptoKey
}

/**
 * Answers one DER OCSP request (RFC 6960) for the sandbox's issuing CA,
 * signed by the issuing CA itself (or by `delegate`), echoing the request's
 * nonce. Serials it never issued, and other issuers' certificates, are
 * `unknown`.
 */
export async function respondToOcsp(
  ca: CertificateAuthority,
  body: Uint8Array,
  now: Date = new Date(),
  delegate?: DelegatedResponder,
): Promise<Buffer> {
  let request: OCSPRequest
  try {
    request = AsnConvert.parse(body, OCSPRequest)
  } catch {
    return refusal(OCSPResponseStatus.malformedRequest)
  }
  const list = request.tbsRequest.requestList
  if (list.length === 0 || list.length > 10) {
    return refusal(OCSPResponseStatus.malformedRequest)
  }

  const responses: SingleResponse[] = []
  for (const single of list) responses.push(await answer(ca, single, now))
  const nonce = nonceOf(request.tbsRequest.requestExtensions)
  const signer = delegate?.certificate ?? ca.issuingCertificate
  const signerKey = AsnConvert.parse(signer.rawData, Certificate).tbsCertificate
    .subjectPublicKeyInfo.subjectPublicKey
  const data = new ResponseData({
    responderID: new ResponderID({
      byKey: new KeyHash(
        createHash('sha1').update(Buffer.from(signerKey)).digest(),
      ),
    }),
    producedAt: now,
    responses,
    responseExtensions: nonce
      ? request.tbsRequest.requestExtensions?.filter((e) =>
          nonceOf([e])?.equals(nonce),
        )
      : undefined,
  })

  const tbs = der(data)
  const signature = sign('sha256', tbs, {
    key: KeyObject.from(delegate?.privateKey ?? ca.issuingKeys.privateKey),
    dsaEncoding: 'der',
  })
  const basic = new BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: new AlgorithmIdentifier({
      algorithm: ECDSA_WITH_SHA256,
    }),
    signature: new Uint8Array(signature).buffer,
    certs: delegate
      ? [AsnConvert.parse(delegate.certificate.rawData, Certificate)]
      : undefined,
  })
  return der(
    new OCSPResponse({
      responseStatus: OCSPResponseStatus.successful,
      responseBytes: new ResponseBytes({
        responseType: id_pkix_ocsp_basic,
        response: new OctetString(der(basic)),
      }),
    }),
  )
}

/**
 * The sandbox CA's OCSP responder: `POST /ocsp` with an
 * `application/ocsp-request` body answers `application/ocsp-response`.
 */
export function buildOcspResponder(options: {
  ca: CertificateAuthority
  log: FastifyBaseLogger
  now?: () => Date
}): FastifyInstance {
  const now = options.now ?? (() => new Date())
  const app = Fastify({ loggerInstance: options.log, bodyLimit: 16 * 1024 })
  app.addContentTypeParser(
    'application/ocsp-request',
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  )

  app.post(OCSP_PATH, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const response = await respondToOcsp(options.ca, body, now())
    return reply.type('application/ocsp-response').send(response)
  })
  return app
}
