import {
  constants,
  createHash,
  createPrivateKey,
  privateEncrypt,
  randomBytes,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto'
import { mgf1 } from '../../server/eid/pssDigestSignature.ts'

/**
 * RSASSA-PSS over a digest that is already made (RFC 8017 §9.1.1 from
 * step 2 on): what the Smart-ID app does for RAW_DIGEST_SIGNATURE, where
 * the relying party sends the digest, not the data. Node signs only data,
 * so the encoding is built here and raised with the raw RSA operation.
 * Salt as long as the digest, MGF1 with the same hash, trailer 0xbc.
 */
export function signDigestPss(
  privateKey: JsonWebKey,
  digest: Uint8Array,
  hash: string,
): Buffer {
  const key = createPrivateKey({
    key: privateKey as NodeJsonWebKey,
    format: 'jwk',
  })
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0
  const emBits = modulusBits - 1
  const emLength = Math.ceil(emBits / 8)
  const hLength = digest.length
  const salt = randomBytes(hLength)
  const h = createHash(hash)
    .update(Buffer.alloc(8))
    .update(digest)
    .update(salt)
    .digest()
  const db = Buffer.concat([
    Buffer.alloc(emLength - 2 * hLength - 2),
    Buffer.from([1]),
    salt,
  ])
  const mask = mgf1(h, db.length, hash)
  const masked = Buffer.from(db.map((byte, i) => byte ^ (mask[i] ?? 0)))
  masked[0] = (masked[0] ?? 0) & (0xff >> (8 * emLength - emBits))
  const encoded = Buffer.concat([masked, h, Buffer.from([0xbc])])
  const padded = Buffer.concat([
    Buffer.alloc(modulusBits / 8 - encoded.length),
    encoded,
  ])
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, padded)
}
