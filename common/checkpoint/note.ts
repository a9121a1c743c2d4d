/**
 * C2SP signed notes: a text ending in a newline, a blank line, then one
 * or more signature lines `— <key name> base64(key id ‖ signature)`.
 *
 * A log signs its checkpoint text with an Ed25519 key (type 0x01); a
 * witness adds a timestamped cosignature (type 0x04, see cosignature.ts).
 * Verification follows the spec: lines from unknown keys are ignored, a
 * known key's bad signature rejects the note.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { Base64Error, fromBase64, toBase64 } from './base64.ts'
import { sameHash } from '../merkle/hashes.ts'
import {
  SIGNATURE_TYPE,
  checkKeyName,
  signWith,
  hasControlCharacter,
  type NoteSigner,
  type NoteVerifier,
} from './keys.ts'

/** Why a note was refused. */
export class NoteError extends Error {
  override name = 'NoteError'
}

const DASH = '\u2014 '
/** More lines than any real note carries: a bound on work for bad input. */
const MAX_SIGNATURES = 100

/** One parsed signature line; its key is not known yet. */
export interface NoteSignature {
  name: string
  keyId: Uint8Array
  /** The bytes after the key id: the signature (and, for 0x04, time). */
  signature: Uint8Array
  /** The line as it stood, without its newline. */
  line: string
}

export interface ParsedNote {
  /** The signed text, final newline included. */
  text: string
  signatures: NoteSignature[]
}

/** Checks what the spec asks of a note's text. */
export function checkNoteText(text: string): void {
  if (!text.endsWith('\n'))
    throw new NoteError('the text must end in a newline')
  if (text.includes('\n\n')) throw new NoteError('the text has a blank line')
  if (hasControlCharacter(text)) {
    throw new NoteError('the text has a control character')
  }
}

export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(DASH))
    throw new NoteError('a signature line starts with "— "')
  const rest = line.slice(DASH.length)
  const space = rest.indexOf(' ')
  if (space <= 0) throw new NoteError('a signature line names its key')
  const name = rest.slice(0, space)
  try {
    checkKeyName(name)
  } catch {
    throw new NoteError(`"${name}" is not a valid key name`)
  }
  let bytes: Uint8Array
  try {
    bytes = fromBase64(rest.slice(space + 1))
  } catch (error) {
    if (error instanceof Base64Error)
      throw new NoteError('bad signature base64')
    throw error
  }
  if (bytes.length < 5) throw new NoteError('a signature is too short')
  return { name, keyId: bytes.slice(0, 4), signature: bytes.slice(4), line }
}

/** Splits a note into its text and signature lines. */
export function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n')
  if (split < 0)
    throw new NoteError('a note has a blank line before its signatures')
  const text = note.slice(0, split + 1)
  checkNoteText(text)
  const tail = note.slice(split + 2)
  if (!tail.endsWith('\n')) throw new NoteError('a note ends in a newline')
  const lines = tail.slice(0, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) throw new NoteError('too many signatures')
  return { text, signatures: lines.map(parseSignatureLine) }
}

/** A signature line made with `signer` over `message`. */
export function signatureLine(
  signer: NoteSigner,
  signatureBytes: Uint8Array,
): string {
  const body = new Uint8Array(4 + signatureBytes.length)
  body.set(signer.keyId, 0)
  body.set(signatureBytes, 4)
  return `${DASH}${signer.name} ${toBase64(body)}`
}

/** Signs `text` with a log's key (type 0x01); returns the whole note. */
export function signNote(text: string, signer: NoteSigner): string {
  checkNoteText(text)
  if (signer.type !== SIGNATURE_TYPE.ed25519) {
    throw new NoteError('a plain note signature needs a type 0x01 key')
  }
  const signature = signWith(signer, new TextEncoder().encode(text))
  return `${text}\n${signatureLine(signer, signature)}\n`
}

/** The note with more signature lines appended, duplicates dropped. */
export function addSignatureLines(
  note: string,
  lines: readonly string[],
): string {
  const parsed = parseNote(note)
  const known = new Set(parsed.signatures.map((s) => s.line))
  const added = lines.filter((line) => {
    parseSignatureLine(line)
    if (known.has(line)) return false
    known.add(line)
    return true
  })
  return note + added.map((line) => `${line}\n`).join('')
}

/** The signature lines of `parsed` that belong to `key` (name and id). */
export function signaturesBy(
  parsed: ParsedNote,
  key: NoteVerifier,
): NoteSignature[] {
  return parsed.signatures.filter(
    (s) => s.name === key.name && sameHash(s.keyId, key.keyId),
  )
}

/**
 * Verifies the log's own signature on a note and returns the text. Throws
 * NoteError if the key has no signature on it or its signature is bad.
 */
export function verifyNote(note: string, key: NoteVerifier): string {
  if (key.type !== SIGNATURE_TYPE.ed25519) {
    throw new NoteError('a note is verified with a type 0x01 key')
  }
  const parsed = parseNote(note)
  const mine = signaturesBy(parsed, key)
  if (mine.length === 0) throw new NoteError(`no signature by ${key.name}`)
  const message = new TextEncoder().encode(parsed.text)
  for (const { signature } of mine) {
    if (
      signature.length !== 64 ||
      !ed25519.verify(signature, message, key.publicKey)
    ) {
      throw new NoteError(`the signature by ${key.name} is not valid`)
    }
  }
  return parsed.text
}
