import { SMART_ID_HASH_ALGORITHMS } from '../../server/auth/smartId/acspV2.ts'
import type { IssuedCertificate } from '../ca/certificateAuthority.ts'
import { signDigestPss } from './pssDigestSignature.ts'

/** What the sandbox app signs in a RAW_DIGEST_SIGNATURE session. */
export interface DigestToSign {
  digest: Buffer
  /** SHA-512 and the like, as the start request named it. */
  hashAlgorithm: string
  documentNumber: string
  interactionTypeUsed: string
}

/**
 * The session status of a confirmed signature, as the RP API v3 answers
 * it: the digest signed with RSASSA-PSS by the holder's Smart-ID signing
 * key, and the signing certificate.
 */
export function signedDigest(
  issued: IssuedCertificate,
  signed: DigestToSign,
): object {
  const hash = SMART_ID_HASH_ALGORITHMS[signed.hashAlgorithm]
  if (!hash) throw new Error(`Unknown hash algorithm ${signed.hashAlgorithm}`)
  const value = signDigestPss(issued.privateKey, signed.digest, hash.node)
  return {
    state: 'COMPLETE',
    result: { endResult: 'OK', documentNumber: signed.documentNumber },
    signatureProtocol: 'RAW_DIGEST_SIGNATURE',
    signature: {
      value: value.toString('base64'),
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: {
        hashAlgorithm: signed.hashAlgorithm,
        maskGenAlgorithm: {
          algorithm: 'id-mgf1',
          parameters: { hashAlgorithm: signed.hashAlgorithm },
        },
        saltLength: hash.length,
        trailerField: '0xbc',
      },
    },
    cert: {
      value: Buffer.from(issued.certificate.rawData).toString('base64'),
      certificateLevel: 'QUALIFIED',
    },
    interactionTypeUsed: signed.interactionTypeUsed,
  }
}
