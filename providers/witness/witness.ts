import { withNodeSigning } from '../nodeSigner.ts'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { fromBase64, toBase64 } from '../../common/checkpoint/base64.ts'
import {
  parseCheckpoint,
  type Checkpoint,
} from '../../common/checkpoint/checkpoint.ts'
import { cosign } from '../../common/checkpoint/cosignature.ts'
import {
  SIGNATURE_TYPE,
  type NoteSigner,
  type NoteVerifier,
} from '../../common/checkpoint/keys.ts'
import {
  NoteError,
  parseNote,
  verifyNote,
} from '../../common/checkpoint/note.ts'
import { emptyRoot, sameHash } from '../../common/merkle/hashes.ts'
import {
  MerkleProofError,
  verifyConsistency,
} from '../../common/merkle/verify.ts'
import type { AddCheckpointRequest } from './addCheckpointBody.ts'
import { WitnessError } from './errors.ts'
import { tables, type WitnessTables } from './tables.ts'

/** The log key of `origin`, or undefined for a log not witnessed. */
export type LogKeys = (origin: string) => NoteVerifier | undefined

export interface WitnessOptions {
  /** A database migrated with migrateWitness. */
  db: Kysely<unknown>
  /** The witness's cosigning key (type 0x04). */
  signer: NoteSigner
  logs: LogKeys
  log: Logger
  now?: () => Date
}

/** Why a checkpoint was refused as evidence against its log. */
export type ReportKind = 'fork' | 'inconsistent'

/** A stored refusal: both checkpoints and the proof, to show anyone. */
export interface WitnessReport {
  id: number
  origin: string
  kind: ReportKind
  /** The latest checkpoint the witness had cosigned (null: none yet). */
  knownNote: string | null
  knownSize: number
  submittedNote: string
  oldSize: number
  /** The consistency proof as submitted, base64. */
  proof: string[]
  detail: string
  reportedAt: string
}

type Outcome =
  | { cosignature: string }
  | { conflict: number }
  | { error: 'BAD_CONSISTENCY_PROOF' }
  | { report: Omit<WitnessReport, 'reportedAt'> }

/** The logs in settings, `origin → key`, as a lookup. */
export function logKeysOf(logs: ReadonlyMap<string, NoteVerifier>): LogKeys {
  return (origin) => logs.get(origin)
}

/**
 * A C2SP tlog witness: cosigns a log's checkpoint only if it is signed by
 * the log's key and consistent with the latest checkpoint the witness
 * cosigned for that log, and keeps the evidence when it is not. Checks of
 * one log run one at a time (a row lock on the log), so two different
 * checkpoints of one size can never both be cosigned.
 */
export class Witness {
  private readonly db: Kysely<WitnessTables>
  private readonly now: () => Date
  private readonly signer: NoteSigner

  constructor(private readonly options: WitnessOptions) {
    if (options.signer.type !== SIGNATURE_TYPE.cosignatureV1) {
      throw new Error('A witness cosigns with a type 0x04 key')
    }
    this.signer = withNodeSigning(options.signer)
    this.db = tables(options.db)
    this.now = options.now ?? (() => new Date())
  }

  /** The signer's name, as its cosignature lines carry it. */
  get name(): string {
    return this.options.signer.name
  }

  /**
   * Checks a submission and answers the witness's cosignature lines.
   * Throws WitnessError saying why a submission is refused.
   */
  async addCheckpoint(request: AddCheckpointRequest): Promise<string[]> {
    const { text, checkpoint } = this.readNote(request.note)
    const key = this.options.logs(checkpoint.origin)
    if (!key) throw new WitnessError('UNKNOWN_LOG')
    try {
      verifyNote(request.note, key)
    } catch (error) {
      if (error instanceof NoteError) {
        throw new WitnessError('BAD_LOG_SIGNATURE')
      }
      throw error
    }
    if (request.oldSize > checkpoint.size) {
      throw new WitnessError('OLD_SIZE_TOO_LARGE')
    }
    if (checkpoint.size === 0 && !sameHash(checkpoint.rootHash, emptyRoot())) {
      throw new WitnessError('BAD_CHECKPOINT')
    }

    const outcome = await this.db
      .transaction()
      .execute((trx) => this.check(trx, request, text, checkpoint))
    if ('cosignature' in outcome) return [outcome.cosignature]
    if ('conflict' in outcome) {
      throw new WitnessError('OLD_SIZE_CONFLICT', outcome.conflict)
    }
    if ('error' in outcome) throw new WitnessError(outcome.error)
    const { id, origin, kind, knownSize, oldSize } = outcome.report
    // Checkpoints carry no personal data; the notes stay in the report.
    this.options.log.warn(
      { reportId: id, origin, kind, knownSize, oldSize, size: checkpoint.size },
      'witness refused a checkpoint inconsistent with what it saw',
    )
    throw new WitnessError('INCONSISTENT_CHECKPOINT')
  }

  private readNote(note: string): { text: string; checkpoint: Checkpoint } {
    try {
      const { text } = parseNote(note)
      return { text, checkpoint: parseCheckpoint(text) }
    } catch (error) {
      if (error instanceof NoteError) throw new WitnessError('BAD_CHECKPOINT')
      throw error
    }
  }

  private async check(
    trx: Kysely<WitnessTables>,
    request: AddCheckpointRequest,
    text: string,
    checkpoint: Checkpoint,
  ): Promise<Outcome> {
    const { origin, size, rootHash } = checkpoint
    await trx
      .insertInto('witness_log')
      .values({ origin, size: 0, root_hash: toBase64(emptyRoot()), note: null })
      .onConflict((c) => c.column('origin').doNothing())
      .execute()
    const known = await trx
      .selectFrom('witness_log')
      .selectAll()
      .where('origin', '=', origin)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const knownSize = Number(known.size)
    if (request.oldSize !== knownSize) return { conflict: knownSize }
    const knownRoot = fromBase64(known.root_hash)

    try {
      verifyConsistency(
        knownSize,
        size,
        request.consistencyProof,
        knownRoot,
        rootHash,
      )
    } catch (error) {
      if (!(error instanceof MerkleProofError)) throw error
      // Before the first checkpoint there is nothing to contradict.
      if (known.note === null) return { error: 'BAD_CONSISTENCY_PROOF' }
      // The checkpoint it holds, with a needless proof: nothing to report.
      if (size === knownSize && sameHash(rootHash, knownRoot)) {
        return { error: 'BAD_CONSISTENCY_PROOF' }
      }
      return { report: await this.report(trx, request, known, size, error) }
    }

    const now = this.now()
    const cosignature = cosign(
      text,
      this.signer,
      Math.floor(now.getTime() / 1000),
    )
    if (size > knownSize || known.note === null) {
      await trx
        .updateTable('witness_log')
        .set({
          size,
          root_hash: toBase64(rootHash),
          note: request.note,
          updated_at: now,
        })
        .where('origin', '=', origin)
        .execute()
      await trx
        .insertInto('witness_checkpoint')
        .values({
          origin,
          size,
          root_hash: toBase64(rootHash),
          note: request.note,
          cosignature,
          cosigned_at: now,
        })
        .execute()
    }
    return { cosignature }
  }

  private async report(
    trx: Kysely<WitnessTables>,
    request: AddCheckpointRequest,
    known: { origin: string; size: number; note: string | null },
    size: number,
    error: MerkleProofError,
  ): Promise<Omit<WitnessReport, 'reportedAt'>> {
    const knownSize = Number(known.size)
    const report = {
      origin: known.origin,
      kind: (size === knownSize ? 'fork' : 'inconsistent') as ReportKind,
      knownNote: known.note,
      knownSize,
      submittedNote: request.note,
      oldSize: request.oldSize,
      proof: request.consistencyProof.map(toBase64),
      detail: error.message,
    }
    const { id } = await trx
      .insertInto('witness_report')
      .values({
        origin: report.origin,
        kind: report.kind,
        known_note: report.knownNote,
        known_size: report.knownSize,
        submitted_note: report.submittedNote,
        old_size: report.oldSize,
        proof: report.proof.join('\n'),
        detail: report.detail,
        reported_at: this.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: Number(id), ...report }
  }

  /** Stored refusals, newest first, of one log or all. */
  async reports(
    options: { origin?: string; limit?: number } = {},
  ): Promise<WitnessReport[]> {
    let query = this.db
      .selectFrom('witness_report')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100)
    if (options.origin !== undefined) {
      query = query.where('origin', '=', options.origin)
    }
    const rows = await query.execute()
    return rows.map((row) => ({
      id: Number(row.id),
      origin: row.origin,
      kind: row.kind as ReportKind,
      knownNote: row.known_note,
      knownSize: Number(row.known_size),
      submittedNote: row.submitted_note,
      oldSize: Number(row.old_size),
      proof: row.proof === '' ? [] : row.proof.split('\n'),
      detail: row.detail,
      reportedAt: new Date(row.reported_at).toISOString(),
    }))
  }

  /** The latest checkpoint the witness cosigned for `origin`, if any. */
  async latest(
    origin: string,
  ): Promise<{ size: number; note: string } | undefined> {
    const row = await this.db
      .selectFrom('witness_log')
      .select(['size', 'note'])
      .where('origin', '=', origin)
      .executeTakeFirst()
    if (!row?.note) return undefined
    return { size: Number(row.size), note: row.note }
  }
}
