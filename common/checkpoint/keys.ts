/**
 * Ed25519 keys named as in C2SP signed-note: a key name, a 4-byte key id
 * `SHA-256(name ‖ "\n" ‖ type ‖ public key)[:4]` and the verifier key text
 * `name+hex(key id)+base64(type ‖ public key)`.
 *
 * The type byte says what the key signs: 0x01 plain note signatures (a
 * log's checkpoints), 0x04 timestamped cosignatures (a witness's).
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { Base64Error, fromBase64, toBase64 } from './base64.ts'

export const SIGNATURE_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const
export type SignatureType = (typeof SIGNATURE_TYPE)[keyof typeof SIGNATURE_TYPE]

/** Thrown for a key name or verifier key that cannot be used. */
export class NoteKeyError extends Error {
  override name = 'NoteKeyError'
}

/** A private key with the name and type under which it signs. */
export interface NoteSigner {
  name: string
  type: SignatureType
  keyId: Uint8Array
  publicKey: Uint8Array
  /** The 32-byte Ed25519 seed: keep it secret. */
  seed: Uint8Array
  /**
   * Signs with this key faster than the portable code, e.g. with Node's
   * crypto on a server; Ed25519 is deterministic, so the bytes are the same.
   */
  sign?: (message: Uint8Array) => Uint8Array
}

/** Ed25519 signature of `message` with `signer`'s key. */
export function signWith(signer: NoteSigner, message: Uint8Array): Uint8Array {
  return signer.sign ? signer.sign(message) : ed25519.sign(message, signer.seed)
}

/** What a verifier knows of a key: never its secret. */
export interface NoteVerifier {
  name: string
  type: SignatureType
  keyId: Uint8Array
  publicKey: Uint8Array
}

/** True if `text` holds a character below U+0020 other than a newline. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 && code !== 0x0a) return true
  }
  return false
}

/**
 * A name must be non-empty UTF-8 with no spaces (Unicode White_Space)
 * and no `+`, so that a vkey and a signature line parse unambiguously.
 */
export function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || hasControlCharacter(name)) {
    throw new NoteKeyError(`"${name}" is not a valid key name`)
  }
}

export function keyId(
  name: string,
  type: SignatureType,
  publicKey: Uint8Array,
): Uint8Array {
  const nameBytes = new TextEncoder().encode(name)
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length)
  input.set(nameBytes, 0)
  input[nameBytes.length] = 0x0a
  input[nameBytes.length + 1] = type
  input.set(publicKey, nameBytes.length + 2)
  return sha256(input).slice(0, 4)
}

export function signerFromSeed(
  name: string,
  seed: Uint8Array,
  type: SignatureType = SIGNATURE_TYPE.ed25519,
): NoteSigner {
  checkKeyName(name)
  if (seed.length !== 32) throw new NoteKeyError('an Ed25519 seed has 32 bytes')
  const publicKey = ed25519.getPublicKey(seed)
  return { name, type, publicKey, seed, keyId: keyId(name, type, publicKey) }
}

/** A new random key: type 0x01 for a log, 0x04 for a witness. */
export function generateSigner(
  name: string,
  type: SignatureType = SIGNATURE_TYPE.ed25519,
): NoteSigner {
  return signerFromSeed(name, ed25519.utils.randomSecretKey(), type)
}

export function verifierOf(signer: NoteSigner): NoteVerifier {
  const { name, type, keyId, publicKey } = signer
  return { name, type, keyId, publicKey }
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** The verifier key text, `name+hex(key id)+base64(type ‖ public key)`. */
export function formatVerifierKey(key: NoteVerifier): string {
  const material = new Uint8Array(1 + key.publicKey.length)
  material[0] = key.type
  material.set(key.publicKey, 1)
  return `${key.name}+${hex(key.keyId)}+${toBase64(material)}`
}

/**
 * Reads a verifier key and checks that its key id matches its name, type
 * and public key. Only Ed25519 types (0x01, 0x04) are accepted.
 */
export function parseVerifierKey(text: string): NoteVerifier {
  // The key's base64 may hold '+' itself: split at the first two only.
  const first = text.indexOf('+')
  const second = text.indexOf('+', first + 1)
  if (first < 0 || second < 0) {
    throw new NoteKeyError('a verifier key has three parts')
  }
  const name = text.slice(0, first)
  const idHex = text.slice(first + 1, second)
  const material = text.slice(second + 1)
  checkKeyName(name)
  if (!/^[0-9a-f]{8}$/.test(idHex)) {
    throw new NoteKeyError('a verifier key id is 8 lower-case hex digits')
  }
  let bytes: Uint8Array
  try {
    bytes = fromBase64(material)
  } catch (error) {
    if (error instanceof Base64Error) throw new NoteKeyError('bad key material')
    throw error
  }
  const type = bytes[0]
  if (
    type !== SIGNATURE_TYPE.ed25519 &&
    type !== SIGNATURE_TYPE.cosignatureV1
  ) {
    throw new NoteKeyError(`signature type ${type} is not supported`)
  }
  const publicKey = bytes.slice(1)
  if (publicKey.length !== 32)
    throw new NoteKeyError('an Ed25519 key has 32 bytes')
  const id = keyId(name, type, publicKey)
  if (hex(id) !== idHex)
    throw new NoteKeyError('the key id does not match the key')
  return { name, type, keyId: id, publicKey }
}
