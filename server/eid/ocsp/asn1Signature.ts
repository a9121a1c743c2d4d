import { createPublicKey, verify } from 'node:crypto'

/**
 * Signature algorithms of OCSP responses, by OID, with their hash.
 * Limitation: RSASSA-PSS and SHA-1 signed responses are not accepted, so a
 * responder that signs that way fails closed (OCSP_UNAVAILABLE).
 */
const ALGORITHMS: Record<string, string> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
}

/**
 * Verifies an X.509-style signature (ECDSA as a DER ECDSA-Sig-Value, RSA
 * PKCS#1 v1.5) over `data` with the public key of a DER SubjectPublicKeyInfo.
 * False for an unknown algorithm, a key of the wrong type or a bad signature.
 */
export function verifyAsn1Signature(options: {
  algorithmOid: string
  spki: ArrayBuffer | Uint8Array
  data: ArrayBuffer | Uint8Array
  signature: ArrayBuffer | Uint8Array
}): boolean {
  const hash = ALGORITHMS[options.algorithmOid]
  if (!hash) return false
  try {
    const key = createPublicKey({
      key: Buffer.from(new Uint8Array(options.spki)),
      format: 'der',
      type: 'spki',
    })
    const ecdsa = options.algorithmOid.startsWith('1.2.840.10045.')
    if ((key.asymmetricKeyType === 'ec') !== ecdsa) return false
    return verify(
      hash,
      new Uint8Array(options.data),
      key,
      new Uint8Array(options.signature),
    )
  } catch {
    return false
  }
}
