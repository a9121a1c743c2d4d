import {
  constants,
  createHash,
  createPublicKey,
  publicEncrypt,
  timingSafeEqual,
} from 'node:crypto'
import type { X509Certificate } from '@peculiar/x509'

/** MGF1 (RFC 8017 §B.2.1) with a node hash name. */
export function mgf1(seed: Uint8Array, length: number, hash: string): Buffer {
  const blocks: Buffer[] = []
  let produced = 0
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4)
    c.writeUInt32BE(counter)
    const block = createHash(hash).update(seed).update(c).digest()
    blocks.push(block)
    produced += block.length
  }
  return Buffer.concat(blocks).subarray(0, length)
}

/**
 * Verifies an RSASSA-PSS signature made over a digest the signer did not
 * hash again (Smart-ID's RAW_DIGEST_SIGNATURE): EMSA-PSS-VERIFY of RFC
 * 8017 §9.1.2 from step 3, with MGF1 over the same hash, a salt as long as
 * the digest and trailer 0xbc. Node verifies PSS only over data, so the
 * raw RSA operation is done here and the encoding checked by hand.
 */
export function verifyPssDigestSignature(options: {
  certificate: X509Certificate
  digest: Uint8Array
  /** node's hash name, e.g. sha512. */
  hash: string
  signature: Uint8Array
}): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(options.certificate.publicKey.rawData),
      format: 'der',
      type: 'spki',
    })
    if (key.asymmetricKeyType !== 'rsa') return false
    const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (options.signature.length !== Math.ceil(modulusBits / 8)) return false
    // The public operation: signature^e mod n (publicEncrypt, no padding).
    const raised = publicEncrypt(
      { key, padding: constants.RSA_NO_PADDING },
      options.signature,
    )
    const emBits = modulusBits - 1
    const emLength = Math.ceil(emBits / 8)
    const encoded = raised.subarray(raised.length - emLength)
    const hLength = options.digest.length
    if (emLength < 2 * hLength + 2) return false
    if (encoded[encoded.length - 1] !== 0xbc) return false
    const masked = encoded.subarray(0, emLength - hLength - 1)
    const h = encoded.subarray(emLength - hLength - 1, emLength - 1)
    const topBits = 8 * emLength - emBits
    if (((masked[0] ?? 0) & ~(0xff >> topBits) & 0xff) !== 0) return false
    const mask = mgf1(h, masked.length, options.hash)
    const db = Buffer.from(masked.map((byte, i) => byte ^ (mask[i] ?? 0)))
    db[0] = (db[0] ?? 0) & (0xff >> topBits)
    const zeros = emLength - 2 * hLength - 2
    if (!db.subarray(0, zeros).every((byte) => byte === 0)) return false
    if (db[zeros] !== 0x01) return false
    const salt = db.subarray(zeros + 1)
    const expected = createHash(options.hash)
      .update(Buffer.alloc(8))
      .update(options.digest)
      .update(salt)
      .digest()
    return expected.length === h.length && timingSafeEqual(expected, h)
  } catch {
    return false
  }
}
