/**
 * C2SP tlog-checkpoint: the text a log signs to commit to its tree.
 *
 *     <origin>
 *     <tree size, decimal>
 *     <root hash, base64>
 *     [extension lines]
 */
import { HASH_SIZE } from '../merkle/hashes.ts'
import { Base64Error, fromBase64, toBase64 } from './base64.ts'
import { NoteError, checkNoteText } from './note.ts'

export interface Checkpoint {
  /** Names the log; unique among logs; no newline. */
  origin: string
  size: number
  rootHash: Uint8Array
  /** Optional lines after the root; this project writes none. */
  extensions?: string[]
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint
  if (origin.length === 0 || origin.includes('\n')) {
    throw new NoteError('an origin is one non-empty line')
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new NoteError('a tree size is a whole number, 0 or more')
  }
  if (rootHash.length !== HASH_SIZE)
    throw new NoteError('a root hash has 32 bytes')
  const text = [origin, String(size), toBase64(rootHash), ...extensions]
    .map((line) => `${line}\n`)
    .join('')
  checkNoteText(text)
  return text
}

/** Reads a checkpoint text (a verified note's text). */
export function parseCheckpoint(text: string): Checkpoint {
  checkNoteText(text)
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3)
    throw new NoteError('a checkpoint has at least three lines')
  const [origin, sizeText, rootText, ...extensions] = lines as [
    string,
    string,
    string,
    ...string[],
  ]
  if (origin.length === 0) throw new NoteError('a checkpoint names its origin')
  if (
    !/^(0|[1-9][0-9]*)$/.test(sizeText) ||
    !Number.isSafeInteger(Number(sizeText))
  ) {
    throw new NoteError('a checkpoint size is a decimal with no leading zeros')
  }
  let rootHash: Uint8Array
  try {
    rootHash = fromBase64(rootText)
  } catch (error) {
    if (error instanceof Base64Error)
      throw new NoteError('bad root hash base64')
    throw error
  }
  if (rootHash.length !== HASH_SIZE)
    throw new NoteError('a root hash has 32 bytes')
  return { origin, size: Number(sizeText), rootHash, extensions }
}
