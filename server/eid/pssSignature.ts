import { constants, createPublicKey, verify } from 'node:crypto'
import type { X509Certificate } from '@peculiar/x509'

/**
 * Verifies an RSASSA-PSS signature (RFC 8017 §8.1) over `data` with the
 * certificate's RSA key: the message is hashed with `hash` (a node digest
 * name such as sha512 or sha3-512), MGF1 uses the same hash and the salt
 * is as long as the digest, trailer field 0xbc, as Smart-ID signs. False
 * for any other key type or a signature that does not verify.
 */
export function verifyPssSignature(options: {
  certificate: X509Certificate
  data: Uint8Array
  hash: string
  saltLength: number
  signature: Uint8Array
}): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(options.certificate.publicKey.rawData),
      format: 'der',
      type: 'spki',
    })
    if (key.asymmetricKeyType !== 'rsa') return false
    return verify(
      options.hash,
      options.data,
      {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: options.saltLength,
      },
      options.signature,
    )
  } catch {
    return false
  }
}
