import { Base64Error, fromBase64 } from '../../common/checkpoint/base64.ts'
import {
  parseCheckpoint,
  type Checkpoint,
} from '../../common/checkpoint/checkpoint.ts'
import type { NoteVerifier } from '../../common/checkpoint/keys.ts'
import { NoteError, verifyNote } from '../../common/checkpoint/note.ts'
import { HASH_SIZE, sameHash } from '../../common/merkle/hashes.ts'
import {
  MerkleProofError,
  verifyConsistency,
} from '../../common/merkle/verify.ts'

/** Where the auditor keeps the last checkpoint it verified per log. */
export interface AuditState {
  load(origin: string): Promise<string | undefined>
  save(origin: string, note: string): Promise<void>
}

export type AuditProblem =
  | 'LOG_UNREACHABLE'
  | 'BAD_CHECKPOINT'
  | 'BAD_LOG_SIGNATURE'
  | 'OTHER_ORIGIN'
  | 'ROLLBACK'
  | 'FORK'
  | 'BAD_PROOF_ANSWER'
  | 'INCONSISTENT'

/** What one look at a log found. */
export type AuditResult =
  | {
      ok: true
      origin: string
      /** Size of the stored checkpoint before (undefined: first look). */
      previousSize?: number
      size: number
    }
  | {
      ok: false
      problem: AuditProblem
      detail: string
      /** The evidence, when there is some: both notes and the proof. */
      previousNote?: string
      note?: string
      proof?: string[]
    }

export interface AuditOptions {
  /** The log's base URL: it serves /checkpoint and /consistency. */
  logUrl: string
  logKey: NoteVerifier
  state: AuditState
  /** When set, the checkpoint must be of this origin. */
  origin?: string
  fetch?: typeof fetch
  timeoutMs?: number
}

class AuditFailure extends Error {
  constructor(readonly result: Extract<AuditResult, { ok: false }>) {
    super(result.detail)
  }
}

const fail = (
  problem: AuditProblem,
  detail: string,
  evidence: { previousNote?: string; note?: string; proof?: string[] } = {},
) => new AuditFailure({ ok: false, problem, detail, ...evidence })

async function get(options: AuditOptions, path: string): Promise<Response> {
  const url = `${options.logUrl.replace(/\/+$/, '')}${path}`
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
  } catch (error) {
    throw fail('LOG_UNREACHABLE', `GET ${url}: ${(error as Error).message}`)
  }
  if (!response.ok) {
    throw fail('LOG_UNREACHABLE', `GET ${url}: HTTP ${response.status}`)
  }
  return response
}

function readSigned(note: string, key: NoteVerifier): Checkpoint {
  let text: string
  try {
    text = verifyNote(note, key)
  } catch (error) {
    if (!(error instanceof NoteError)) throw error
    try {
      parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1))
    } catch {
      throw fail('BAD_CHECKPOINT', error.message, { note })
    }
    throw fail('BAD_LOG_SIGNATURE', error.message, { note })
  }
  try {
    return parseCheckpoint(text)
  } catch (error) {
    if (!(error instanceof NoteError)) throw error
    throw fail('BAD_CHECKPOINT', error.message, { note })
  }
}

function readProof(body: unknown): { lines: string[]; hashes: Uint8Array[] } {
  const proof = (body as { proof?: unknown } | null)?.proof
  if (!Array.isArray(proof) || proof.length > 63) {
    throw fail('BAD_PROOF_ANSWER', 'the answer has no proof list')
  }
  const lines: string[] = []
  const hashes = proof.map((line: unknown) => {
    if (typeof line !== 'string') {
      throw fail('BAD_PROOF_ANSWER', 'a proof hash is not a string')
    }
    lines.push(line)
    try {
      const hash = fromBase64(line)
      if (hash.length === HASH_SIZE) return hash
    } catch (error) {
      if (!(error instanceof Base64Error)) throw error
    }
    throw fail('BAD_PROOF_ANSWER', 'a proof hash is not 32 bytes of base64')
  })
  return { lines, hashes }
}

/**
 * Looks at a log once: fetches its checkpoint, verifies the log's
 * signature and that it extends the last checkpoint kept in `state`
 * (fetching the consistency proof), then keeps the new one. A failure
 * keeps the old checkpoint and answers the evidence.
 */
export async function auditLog(options: AuditOptions): Promise<AuditResult> {
  try {
    const note = await (await get(options, '/checkpoint')).text()
    const checkpoint = readSigned(note, options.logKey)
    const origin = options.origin ?? checkpoint.origin
    if (checkpoint.origin !== origin) {
      throw fail('OTHER_ORIGIN', `the checkpoint is of ${checkpoint.origin}`, {
        note,
      })
    }
    const previousNote = await options.state.load(origin)
    if (previousNote === undefined) {
      await options.state.save(origin, note)
      return { ok: true, origin, size: checkpoint.size }
    }
    const previous = readSigned(previousNote, options.logKey)
    const evidence = { previousNote, note }
    if (checkpoint.size < previous.size) {
      throw fail(
        'ROLLBACK',
        `the log shrank from ${previous.size} to ${checkpoint.size}`,
        evidence,
      )
    }
    if (checkpoint.size === previous.size) {
      if (!sameHash(checkpoint.rootHash, previous.rootHash)) {
        throw fail('FORK', `two roots for size ${checkpoint.size}`, evidence)
      }
    } else {
      const answer = await get(
        options,
        `/consistency?from=${previous.size}&to=${checkpoint.size}`,
      )
      let body: unknown
      try {
        body = await answer.json()
      } catch {
        throw fail('BAD_PROOF_ANSWER', 'the proof answer is not JSON', evidence)
      }
      const { lines, hashes } = readProof(body)
      try {
        verifyConsistency(
          previous.size,
          checkpoint.size,
          hashes,
          previous.rootHash,
          checkpoint.rootHash,
        )
      } catch (error) {
        if (!(error instanceof MerkleProofError)) throw error
        throw fail('INCONSISTENT', error.message, { ...evidence, proof: lines })
      }
    }
    await options.state.save(origin, note)
    return {
      ok: true,
      origin,
      previousSize: previous.size,
      size: checkpoint.size,
    }
  } catch (error) {
    if (error instanceof AuditFailure) return error.result
    throw error
  }
}
