/**
 * C2SP tlog-cosignature v1 (Ed25519): a witness's statement that, at a
 * given time, this checkpoint was the largest consistent one it had seen
 * of the log. The signature line carries `key id ‖ u64 timestamp ‖
 * signature`, the signature covering
 * `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  SIGNATURE_TYPE,
  signWith,
  type NoteSigner,
  type NoteVerifier,
} from './keys.ts'
import {
  NoteError,
  checkNoteText,
  parseNote,
  signatureLine,
  signaturesBy,
  type NoteSignature,
} from './note.ts'

/** A cosignature that verified. */
export interface Cosignature {
  witness: string
  /** When the witness signed, POSIX seconds. */
  timestamp: number
  line: string
}

function signedMessage(text: string, timestamp: number): Uint8Array {
  return new TextEncoder().encode(`cosignature/v1\ntime ${timestamp}\n${text}`)
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new NoteError('a cosignature time is a whole number of seconds')
  }
}

/** A witness's cosignature line over a checkpoint's text. */
export function cosign(
  text: string,
  witness: NoteSigner,
  timestamp: number,
): string {
  checkNoteText(text)
  checkTimestamp(timestamp)
  if (witness.type !== SIGNATURE_TYPE.cosignatureV1) {
    throw new NoteError('a cosignature needs a type 0x04 key')
  }
  const signature = signWith(witness, signedMessage(text, timestamp))
  const body = new Uint8Array(8 + 64)
  new DataView(body.buffer).setBigUint64(0, BigInt(timestamp))
  body.set(signature, 8)
  return signatureLine(witness, body)
}

function openCosignature(
  text: string,
  signature: NoteSignature,
  witness: NoteVerifier,
): Cosignature {
  const bytes = signature.signature
  if (bytes.length !== 8 + 64) throw new NoteError('a cosignature has 72 bytes')
  const time = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0)
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new NoteError('a cosignature time is out of range')
  }
  const timestamp = Number(time)
  const valid = ed25519.verify(
    bytes.slice(8),
    signedMessage(text, timestamp),
    witness.publicKey,
  )
  if (!valid)
    throw new NoteError(`the cosignature by ${witness.name} is not valid`)
  return { witness: witness.name, timestamp, line: signature.line }
}

/**
 * The valid cosignatures on `note` by the given witnesses. A known
 * witness's invalid cosignature throws; witnesses with no line on the
 * note are simply absent from the answer.
 */
export function verifyCosignatures(
  note: string,
  witnesses: readonly NoteVerifier[],
): Cosignature[] {
  const parsed = parseNote(note)
  const found: Cosignature[] = []
  for (const witness of witnesses) {
    if (witness.type !== SIGNATURE_TYPE.cosignatureV1) {
      throw new NoteError('a witness is verified with a type 0x04 key')
    }
    for (const signature of signaturesBy(parsed, witness)) {
      found.push(openCosignature(parsed.text, signature, witness))
    }
  }
  return found
}

/** Verifies one cosignature line over a checkpoint text. */
export function verifyCosignatureLine(
  text: string,
  line: string,
  witness: NoteVerifier,
): Cosignature {
  const [cosignature] = verifyCosignatures(`${text}\n${line}\n`, [witness])
  if (!cosignature) throw new NoteError(`the line is not by ${witness.name}`)
  return cosignature
}
