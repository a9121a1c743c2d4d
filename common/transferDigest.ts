import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js'
import { canonicalJsonBytes } from './canonicalJson.ts'

/**
 * What the citizen signs for one EstCoin transfer, so the amount, the
 * recipient and the transfer's id are bound into the signature:
 *
 *   data   = RFC 8785 canonical JSON of
 *            {"purpose":"estcoin-transfer","id":…,"from":…,"to":…,
 *             "amount":…,"description":…}   (keys sorted, UTF-8)
 *   digest = SHA-256, SHA-384 or SHA-512 of data, as the signing method
 *            needs (Mobile-ID and the ID-card SHA-256, Smart-ID SHA-512)
 *
 * `from` and `to` are personal codes, `amount` integer cents, `id` the
 * transfer's UUID as the client made it, `description` as sent ("" when
 * none). The provider signs the digest itself (no further hashing).
 */
export interface SignedTransfer {
  id: string
  /** The payer's personal code: the signed-in citizen. */
  from: string
  /** The recipient's personal code. */
  to: string
  /** Integer cents. */
  amount: number
  description: string
}

/** The digest algorithms a transfer can be signed with. */
export type TransferHashType = 'SHA256' | 'SHA384' | 'SHA512'

const HASHES = { SHA256: sha256, SHA384: sha384, SHA512: sha512 }

/** The canonical bytes that are hashed: the data of the comment above. */
export function transferSignedData(transfer: SignedTransfer): Uint8Array {
  return canonicalJsonBytes({
    purpose: 'estcoin-transfer',
    id: transfer.id,
    from: transfer.from,
    to: transfer.to,
    amount: transfer.amount,
    description: transfer.description,
  })
}

/** The digest a signing method signs for this transfer. */
export function transferDigest(
  transfer: SignedTransfer,
  hashType: TransferHashType,
): Uint8Array {
  return HASHES[hashType](transferSignedData(transfer))
}
