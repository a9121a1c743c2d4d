import { createPrivateKey, sign } from 'node:crypto'
import type { NoteSigner } from '../common/checkpoint/keys.ts'

/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')

/**
 * The same key, signing with Node's crypto: some fifteen times faster
 * than the portable code the browser uses, which matters for a log that
 * signs a checkpoint after every batch. Ed25519 is deterministic, so the
 * signatures are the same bytes.
 */
export function withNodeSigning(signer: NoteSigner): NoteSigner {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, signer.seed]),
    format: 'der',
    type: 'pkcs8',
  })
  return {
    ...signer,
    sign: (message) => new Uint8Array(sign(null, message, key)),
  }
}
