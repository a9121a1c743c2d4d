import { sha256 } from '@noble/hashes/sha2.js'

/** Bytes in every hash of the log: SHA-256. */
export const HASH_SIZE = 32

const LEAF_PREFIX = 0x00
const NODE_PREFIX = 0x01

/** The root of an empty tree: SHA-256 of nothing (RFC 9162, 2.1.1). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0))
}

/** A leaf's hash, `SHA-256(0x00 ‖ data)`. */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(data.length + 1)
  input[0] = LEAF_PREFIX
  input.set(data, 1)
  return sha256(input)
}

/** An inner node's hash, `SHA-256(0x01 ‖ left ‖ right)`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length)
  input[0] = NODE_PREFIX
  input.set(left, 1)
  input.set(right, 1 + left.length)
  return sha256(input)
}

/** True when both hashes hold the same bytes. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}
