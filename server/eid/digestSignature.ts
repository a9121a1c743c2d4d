import { constants, createPublicKey, publicDecrypt } from 'node:crypto'
import { p256, p384, p521 } from '@noble/curves/nist.js'
import type { X509Certificate } from '@peculiar/x509'

/** DigestInfo prefixes (RFC 8017 §9.2) of the hashes Mobile-ID uses. */
const DIGEST_INFO: Record<string, string> = {
  SHA256: '3031300d060960864801650304020105000420',
  SHA384: '3041300d060960864801650304020205000430',
  SHA512: '3051300d060960864801650304020305000440',
}

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 }

/**
 * Verifies a signature made directly over a digest (the hash was not
 * hashed again), as Mobile-ID and Smart-ID return them: ECDSA as raw R‖S,
 * or RSA PKCS#1 v1.5. `algorithm` must name the same hash as `hashType`,
 * e.g. SHA256WithECEncryption for SHA256. False for any mismatch.
 */
export function verifyDigestSignature(options: {
  certificate: X509Certificate
  digest: Uint8Array
  hashType: string
  signature: Uint8Array
  algorithm: string
}): boolean {
  const match = /^(SHA\d{3})With(EC|RSA)Encryption$/.exec(options.algorithm)
  if (!match || match[1] !== options.hashType) return false
  try {
    const key = createPublicKey({
      key: Buffer.from(options.certificate.publicKey.rawData),
      format: 'der',
      type: 'spki',
    })
    if (match[2] === 'EC' && key.asymmetricKeyType === 'ec') {
      const jwk = key.export({ format: 'jwk' })
      const curve = CURVES[jwk.crv as keyof typeof CURVES]
      if (!curve || !jwk.x || !jwk.y) return false
      const point = Buffer.concat([
        Buffer.from([4]),
        Buffer.from(jwk.x, 'base64url'),
        Buffer.from(jwk.y, 'base64url'),
      ])
      return curve.verify(options.signature, options.digest, point, {
        prehash: false,
        lowS: false,
      })
    }
    if (match[2] === 'RSA' && key.asymmetricKeyType === 'rsa') {
      const expected = Buffer.concat([
        Buffer.from(DIGEST_INFO[options.hashType] ?? '', 'hex'),
        options.digest,
      ])
      const recovered = publicDecrypt(
        { key, padding: constants.RSA_PKCS1_PADDING },
        options.signature,
      )
      return recovered.equals(expected)
    }
    return false
  } catch {
    return false
  }
}
