import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/** The hash before an account's first entry: 32 zero bytes, in hex. */
export const GENESIS_HASH = '0'.repeat(64)

/** Tag that starts every hashed entry, so the format can change later. */
const ENTRY_TAG = 'estcoin-ledger/entry/v1'

/** What an entry's hash covers. */
export interface HashedEntry {
  /** The account's owner: a personal code, or `treasury`. */
  account: string
  /** The entry's number in the account's chain, from 1. */
  seq: number
  /** The transfer's id, lowercase. */
  transferId: string
  /** The other side's owner. */
  counterparty: string
  /** Cents: negative for a debit, positive for a credit. */
  amount: number
  balanceAfter: number
  description: string
  createdAt: Date
  /** Hex SHA-256 of the account's previous entry, or GENESIS_HASH. */
  prevHash: string
}

/**
 * The exact bytes hashed for an entry: UTF-8 of the JSON array
 * `[tag, account, seq, transferId, counterparty, amount, balanceAfter,
 * description, createdAt, prevHash]`, with `createdAt` as ISO 8601 UTC with
 * milliseconds (`Date.toISOString`), numbers as JSON integers and
 * `prevHash` as 64 lowercase hex digits. A fixed-order JSON array keeps
 * every field's boundary unambiguous, description included, and is what
 * a browser wallet rebuilds to check a chain itself.
 */
export function entryBytes(entry: HashedEntry): Uint8Array {
  return utf8ToBytes(
    JSON.stringify([
      ENTRY_TAG,
      entry.account,
      entry.seq,
      entry.transferId,
      entry.counterparty,
      entry.amount,
      entry.balanceAfter,
      entry.description,
      entry.createdAt.toISOString(),
      entry.prevHash,
    ]),
  )
}

/** An entry's hash: hex SHA-256 of entryBytes. */
export function entryHash(entry: HashedEntry): string {
  return bytesToHex(sha256(entryBytes(entry)))
}
