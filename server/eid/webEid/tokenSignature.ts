import { constants, createHash, createPublicKey, verify } from 'node:crypto'
import type { X509Certificate } from '@peculiar/x509'
import type { TokenAlgorithm } from './authToken.ts'

const HASHES = { '256': 'sha256', '384': 'sha384', '512': 'sha512' } as const

function hashOf(algorithm: TokenAlgorithm): string {
  return HASHES[algorithm.slice(2) as keyof typeof HASHES]
}

/**
 * The value a Web eID token signs: hash(origin) ‖ hash(nonce), with the
 * algorithm's hash. The signature algorithm hashes it once more, as JWS does.
 */
export function signedValue(
  algorithm: TokenAlgorithm,
  origin: string,
  nonce: string,
): Buffer {
  const hash = hashOf(algorithm)
  return Buffer.concat([
    createHash(hash).update(origin, 'utf8').digest(),
    createHash(hash).update(nonce, 'utf8').digest(),
  ])
}

/**
 * Verifies a Web eID token signature with the certificate's key: ES* as raw
 * R‖S over an EC key, PS* as RSA-PSS (salt the hash's length), RS* as RSA
 * PKCS#1 v1.5. False for a key of the wrong type or any failure.
 */
export function verifyTokenSignature(options: {
  certificate: X509Certificate
  algorithm: TokenAlgorithm
  origin: string
  nonce: string
  signature: Uint8Array
}): boolean {
  const { algorithm } = options
  const hash = hashOf(algorithm)
  const data = signedValue(algorithm, options.origin, options.nonce)
  try {
    const key = createPublicKey({
      key: Buffer.from(options.certificate.publicKey.rawData),
      format: 'der',
      type: 'spki',
    })
    const family = algorithm.slice(0, 2)
    if (family === 'ES') {
      if (key.asymmetricKeyType !== 'ec') return false
      return verify(
        hash,
        data,
        { key, dsaEncoding: 'ieee-p1363' },
        options.signature,
      )
    }
    if (key.asymmetricKeyType !== 'rsa') return false
    const padding =
      family === 'PS'
        ? {
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
          }
        : { padding: constants.RSA_PKCS1_PADDING }
    return verify(hash, data, { key, ...padding }, options.signature)
  } catch {
    return false
  }
}
