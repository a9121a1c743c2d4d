/**
 * The Data Tracker's check, in the browser, that each usage record it
 * shows is in its register's usage log as every witness sees it: the
 * record's leaf is included under the served checkpoint's root, the
 * checkpoint is signed by the pinned log key and cosigned by a pinned
 * witness, and it extends the checkpoint this browser stored before.
 * Pure TypeScript on @noble (no WebCrypto), for old browsers too.
 */
import { CanonicalJsonError, canonicalJsonBytes } from '@common/canonicalJson'
import { Base64Error, fromBase64 } from '@common/checkpoint/base64'
import { parseCheckpoint, type Checkpoint } from '@common/checkpoint/checkpoint'
import { verifyCosignatures } from '@common/checkpoint/cosignature'
import { NoteError, verifyNote } from '@common/checkpoint/note'
import { HASH_SIZE, leafHash, sameHash } from '@common/merkle/hashes'
import {
  MerkleProofError,
  verifyConsistency,
  verifyInclusion,
} from '@common/merkle/verify'
import type { CheckpointStore } from './checkpointStore'
import type { FailureReason, FailureReport } from './failureReport'
import type { PinnedKeys } from './pinnedKeys'

/** One usage record as the portal serves it. */
export interface UsageToVerify {
  /** The log's origin. */
  log: string
  leafIndex: number
  /** The whole salted record, hashed as canonical JSON. */
  record: object
  /** The inclusion proof, base64; null while the record is pending. */
  proof: string[] | null
  treeSize: number | null
}

export type UsageVerdict =
  | { status: 'verified'; treeSize: number }
  | { status: 'pending' }
  | { status: 'failed'; reason: FailureReason }

export interface LogVerdict {
  origin: string
  status: 'verified' | 'failed'
  reason?: FailureReason
  /** The served checkpoint's size, when it could be read. */
  size?: number
  /** Witnesses (key names) whose cosignature verified. */
  cosignedBy: string[]
  report?: FailureReport
}

export interface VerifyInput {
  usages: readonly UsageToVerify[]
  /** The served checkpoint note (with cosignatures) per origin. */
  checkpoints: Readonly<Record<string, string>>
  keys: PinnedKeys
  store: CheckpointStore
  /** The consistency proof (base64) between two sizes of a log. */
  fetchConsistency(origin: string, from: number, to: number): Promise<string[]>
  now?: () => Date
}

export interface VerifyResult {
  usages: UsageVerdict[]
  logs: Record<string, LogVerdict>
}

class LogFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    detail: string,
    readonly proof: string[] | null = null,
  ) {
    super(detail)
  }
}

function decodeHashes(lines: readonly string[]): Uint8Array[] | undefined {
  if (lines.length > 63) return undefined
  const hashes: Uint8Array[] = []
  for (const line of lines) {
    if (typeof line !== 'string') return undefined
    try {
      const hash = fromBase64(line)
      if (hash.length !== HASH_SIZE) return undefined
      hashes.push(hash)
    } catch (error) {
      if (error instanceof Base64Error) return undefined
      throw error
    }
  }
  return hashes
}

function readCheckpoint(note: string, origin: string): Checkpoint {
  const checkpoint = parseCheckpoint(
    note.slice(0, note.lastIndexOf('\n\n') + 1),
  )
  if (checkpoint.origin !== origin) {
    throw new LogFailure(
      'BAD_CHECKPOINT',
      `the checkpoint is of ${checkpoint.origin}`,
    )
  }
  return checkpoint
}

/** Proves that the smaller of two checkpoints is a prefix of the larger. */
async function checkConsistency(
  input: VerifyInput,
  origin: string,
  older: Checkpoint,
  newer: Checkpoint,
): Promise<string[] | null> {
  if (older.size === newer.size) {
    if (!sameHash(older.rootHash, newer.rootHash)) {
      throw new LogFailure(
        'INCONSISTENT_HISTORY',
        `two roots for size ${newer.size}`,
      )
    }
    return null
  }
  let lines: string[]
  try {
    lines = await input.fetchConsistency(origin, older.size, newer.size)
  } catch (error) {
    throw new LogFailure('CONSISTENCY_UNAVAILABLE', (error as Error).message)
  }
  const hashes = Array.isArray(lines) ? decodeHashes(lines) : undefined
  if (!hashes) {
    throw new LogFailure(
      'INCONSISTENT_HISTORY',
      'the proof is not base64 hashes',
      lines,
    )
  }
  try {
    verifyConsistency(
      older.size,
      newer.size,
      hashes,
      older.rootHash,
      newer.rootHash,
    )
  } catch (error) {
    if (!(error instanceof MerkleProofError)) throw error
    throw new LogFailure('INCONSISTENT_HISTORY', error.message, lines)
  }
  return lines
}

/** The stored checkpoint; a damaged entry counts as none (it is local). */
function storedCheckpoint(
  stored: string | undefined,
  origin: string,
): Checkpoint | undefined {
  if (stored === undefined) return undefined
  try {
    return readCheckpoint(stored, origin)
  } catch (error) {
    if (error instanceof NoteError || error instanceof LogFailure) {
      return undefined
    }
    throw error
  }
}

interface VerifiedLog {
  verdict: LogVerdict
  checkpoint?: Checkpoint
}

async function verifyLog(
  input: VerifyInput,
  origin: string,
): Promise<VerifiedLog> {
  const note = input.checkpoints[origin]
  const stored = await input.store.get(origin)
  let checkpoint: Checkpoint | undefined
  let cosignedBy: string[] = []
  let proof: string[] | null = null
  try {
    if (note === undefined) throw new LogFailure('NO_CHECKPOINT', 'none served')
    const key = input.keys.logKey(origin)
    if (!key) throw new LogFailure('UNKNOWN_LOG', 'no pinned key for this log')
    try {
      checkpoint = readCheckpoint(note, origin)
    } catch (error) {
      if (error instanceof NoteError)
        throw new LogFailure('BAD_CHECKPOINT', error.message)
      throw error
    }
    try {
      verifyNote(note, key)
    } catch (error) {
      if (error instanceof NoteError)
        throw new LogFailure('BAD_LOG_SIGNATURE', error.message)
      throw error
    }
    try {
      cosignedBy = verifyCosignatures(note, input.keys.witnesses).map(
        (c) => c.witness,
      )
    } catch (error) {
      if (error instanceof NoteError)
        throw new LogFailure('BAD_COSIGNATURE', error.message)
      throw error
    }
    if (cosignedBy.length === 0) {
      throw new LogFailure(
        'MISSING_COSIGNATURE',
        'no pinned witness cosigned it',
      )
    }
    // The stored note was verified when it was stored: only read it.
    const previous = storedCheckpoint(stored, origin)
    if (previous && previous.size > checkpoint.size) {
      // A cached older checkpoint is fine if the newer one extends it.
      proof = await checkConsistency(input, origin, checkpoint, previous)
    } else {
      if (previous)
        proof = await checkConsistency(input, origin, previous, checkpoint)
      await input.store.put(origin, note)
    }
    return {
      verdict: {
        origin,
        status: 'verified',
        size: checkpoint.size,
        cosignedBy,
      },
      checkpoint,
    }
  } catch (error) {
    if (!(error instanceof LogFailure)) throw error
    const report: FailureReport = {
      format: 'citizen-portal/usage-log-failure/v1',
      origin,
      reason: error.reason,
      detail: error.message,
      storedCheckpoint: stored ?? null,
      servedCheckpoint: note ?? null,
      consistencyProof: error.proof ?? proof,
      createdAt: (input.now?.() ?? new Date()).toISOString(),
    }
    return {
      verdict: {
        origin,
        status: 'failed',
        reason: error.reason,
        size: checkpoint?.size,
        cosignedBy,
        report,
      },
    }
  }
}

function verifyUsage(usage: UsageToVerify, log: VerifiedLog): UsageVerdict {
  if (usage.proof === null) return { status: 'pending' }
  const { checkpoint } = log
  if (!checkpoint) {
    return { status: 'failed', reason: log.verdict.reason ?? 'BAD_CHECKPOINT' }
  }
  if (usage.treeSize !== checkpoint.size)
    return { status: 'failed', reason: 'BAD_PROOF' }
  const proof = Array.isArray(usage.proof)
    ? decodeHashes(usage.proof)
    : undefined
  if (!proof) return { status: 'failed', reason: 'BAD_PROOF' }
  let leaf: Uint8Array
  try {
    leaf = leafHash(canonicalJsonBytes(usage.record))
  } catch (error) {
    if (error instanceof CanonicalJsonError)
      return { status: 'failed', reason: 'BAD_RECORD' }
    throw error
  }
  if (!Number.isSafeInteger(usage.leafIndex) || usage.leafIndex < 0) {
    return { status: 'failed', reason: 'BAD_RECORD' }
  }
  try {
    verifyInclusion(
      usage.leafIndex,
      checkpoint.size,
      leaf,
      proof,
      checkpoint.rootHash,
    )
  } catch (error) {
    if (error instanceof MerkleProofError)
      return { status: 'failed', reason: 'NOT_INCLUDED' }
    throw error
  }
  return { status: 'verified', treeSize: checkpoint.size }
}

/**
 * Verifies every usage record: `verified`, `pending` (no proof yet) or
 * `failed` with a reason. Each log is checked once; a failed log fails
 * its proven records and carries a report to offer as a download. The
 * served checkpoint replaces the stored one only once it verified.
 */
export async function verifyUsages(input: VerifyInput): Promise<VerifyResult> {
  const origins = [
    ...new Set(input.usages.filter((u) => u.proof !== null).map((u) => u.log)),
  ]
  const logs = new Map<string, VerifiedLog>()
  for (const origin of origins) logs.set(origin, await verifyLog(input, origin))
  return {
    usages: input.usages.map((usage) => {
      const log = logs.get(usage.log)
      return log ? verifyUsage(usage, log) : { status: 'pending' }
    }),
    logs: Object.fromEntries(
      [...logs].map(([origin, log]) => [origin, log.verdict]),
    ),
  }
}
