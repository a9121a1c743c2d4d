import { withNodeSigning } from '../nodeSigner.ts'
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { verifyCosignatureLine } from '../../common/checkpoint/cosignature.ts'
import { logKeyName } from '../../common/checkpoint/sandboxKeys.ts'
import {
  formatVerifierKey,
  signerFromSeed,
  verifierOf,
  type NoteSigner,
  type NoteVerifier,
} from '../../common/checkpoint/keys.ts'
import {
  NoteError,
  addSignatureLines,
  parseNote,
  parseSignatureLine,
} from '../../common/checkpoint/note.ts'
import { UsageError } from './errors.ts'
import { rangeHashes, storedSize } from './nodes.ts'
import type { UsageLogEntry, UsageLogRecord } from './record.ts'
import { Sequencer, type Appended } from './sequencer.ts'
import { bytes, tables, toDate } from './tables.ts'
import { consistencyRanges, inclusionRanges } from './treeShape.ts'

/** How a log is opened. */
export interface UsageLogOptions {
  /** Names the log in its checkpoints, e.g. `ee-dev/GOV/70000349/emta usage log`. */
  origin: string
  /**
   * The log's 32-byte Ed25519 seed from settings. Without one (or a
   * signer), a seed is made on first open and kept in the database, like
   * the sandbox CA's.
   */
  seed?: Uint8Array
  /** The log's whole signing key (type 0x01), e.g. the sandbox's public one. */
  signer?: NoteSigner
  /** Witnesses whose cosignatures are accepted (type 0x04 keys). */
  witnesses?: readonly NoteVerifier[]
  /** The most records per transaction (default 1024). */
  maxBatch?: number
}

/** A signed checkpoint as stored. */
export interface StoredCheckpoint {
  size: number
  rootHash: Uint8Array
  /** The signed note, with every stored cosignature line appended. */
  note: string
  /** The note as the log signed it, without cosignatures. */
  signedNote: string
  /** Witnesses (key names) that cosigned it. */
  witnesses: string[]
}

/** Which of a person's records to read. */
export interface RecordQuery {
  personalCode: string
  periodStart?: Date
  periodEnd?: Date
  offset: number
  limit: number
  /** Covert records stay hidden until their visibleAfter passes this. */
  now: Date
}

/** A record as stored, with its place in the log. */
export interface StoredRecord {
  index: number
  record: UsageLogRecord
  /** The record's exact canonical JSON, as hashed. */
  text: string
}

function checkSize(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new UsageError('INVALID_SIZE')
  }
}

/**
 * One Merkle usage log (RFC 9162) in the database: appends through a
 * batching sequencer, serves signed checkpoints with their cosignatures,
 * inclusion and consistency proofs (O(log n) stored nodes each) and the
 * records of one person.
 */
export class UsageLog {
  private readonly sequencer: Sequencer
  private readonly commitListeners = new Set<(size: number) => void>()

  private constructor(
    private readonly db: Kysely<unknown>,
    readonly id: number,
    readonly origin: string,
    private readonly signer: NoteSigner,
    private readonly witnesses: readonly NoteVerifier[],
    maxBatch?: number,
  ) {
    this.sequencer = new Sequencer(
      db,
      id,
      origin,
      withNodeSigning(signer),
      maxBatch,
      (size) => this.commitListeners.forEach((listener) => listener(size)),
    )
  }

  /** Calls `listener` with the new size after each committed batch. */
  onCommit(listener: (size: number) => void): () => void {
    this.commitListeners.add(listener)
    return () => this.commitListeners.delete(listener)
  }

  /** Opens (creating on first use) the log named `origin`. */
  static async open(
    db: Kysely<unknown>,
    options: UsageLogOptions,
  ): Promise<UsageLog> {
    const t = tables(db)
    await t
      .insertInto('usage_log')
      .values({ origin: options.origin })
      .onConflict((c) => c.column('origin').doNothing())
      .execute()
    const { id } = await t
      .selectFrom('usage_log')
      .select('id')
      .where('origin', '=', options.origin)
      .executeTakeFirstOrThrow()
    let seed = options.signer?.seed ?? options.seed
    if (!seed) {
      await t
        .insertInto('usage_log_key')
        .values({ log_id: Number(id), seed: randomBytes(32) })
        .onConflict((c) => c.column('log_id').doNothing())
        .execute()
      const row = await t
        .selectFrom('usage_log_key')
        .select('seed')
        .where('log_id', '=', Number(id))
        .executeTakeFirstOrThrow()
      seed = bytes(row.seed)
    }
    const signer =
      options.signer ?? signerFromSeed(logKeyName(options.origin), seed)
    return new UsageLog(
      db,
      Number(id),
      options.origin,
      signer,
      options.witnesses ?? [],
      options.maxBatch,
    )
  }

  /** The log's public key. */
  get verifier(): NoteVerifier {
    return verifierOf(this.signer)
  }

  /** The log's verifier key text, `name+keyid+base64`. */
  get verifierKey(): string {
    return formatVerifierKey(this.verifier)
  }

  /** Salts and appends a record; resolves once it is committed. */
  append(entry: UsageLogEntry): Promise<Appended> {
    return this.sequencer.append(entry)
  }

  /** How many leaves the log holds. */
  size(): Promise<number> {
    return storedSize(this.db, this.id)
  }

  private async checkpointWhere(
    pick: 'latest' | 'witnessed' | number,
  ): Promise<StoredCheckpoint | undefined> {
    let query = tables(this.db)
      .selectFrom('usage_log_checkpoint as c')
      .select(['c.size', 'c.root', 'c.note'])
      .where('c.log_id', '=', this.id)
    if (typeof pick === 'number') query = query.where('c.size', '=', pick)
    if (pick === 'witnessed') {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('usage_log_cosignature as s')
            .select('s.size')
            .whereRef('s.log_id', '=', 'c.log_id')
            .whereRef('s.size', '=', 'c.size'),
        ),
      )
    }
    const row = await query
      .orderBy('c.size', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!row) return undefined
    const size = Number(row.size)
    const cosignatures = await tables(this.db)
      .selectFrom('usage_log_cosignature')
      .select(['witness', 'line'])
      .where('log_id', '=', this.id)
      .where('size', '=', size)
      .orderBy('created_at')
      .orderBy('witness')
      .execute()
    return {
      size,
      rootHash: bytes(row.root),
      signedNote: row.note,
      note: addSignatureLines(
        row.note,
        cosignatures.map((c) => c.line),
      ),
      witnesses: cosignatures.map((c) => c.witness),
    }
  }

  /** The newest checkpoint; undefined before the first append. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.checkpointWhere('latest')
  }

  /** The newest checkpoint at least one witness cosigned. */
  latestWitnessedCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.checkpointWhere('witnessed')
  }

  /** The checkpoint of exactly `size` leaves, if the log signed one. */
  checkpoint(size: number): Promise<StoredCheckpoint | undefined> {
    checkSize(size)
    return this.checkpointWhere(size)
  }

  private async checkWithin(size: number): Promise<void> {
    checkSize(size)
    if (size > (await this.size())) throw new UsageError('BEYOND_LOG')
  }

  /** PATH(index, D[0:size]): the leaf's inclusion proof. */
  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    checkSize(index)
    if (index >= size) throw new UsageError('INVALID_SIZE')
    await this.checkWithin(size)
    return rangeHashes(this.db, this.id, inclusionRanges(index, size))
  }

  /** Inclusion proofs of several leaves against one size, in one read. */
  async inclusionProofs(
    indexes: readonly number[],
    size: number,
  ): Promise<Uint8Array[][]> {
    for (const index of indexes) {
      checkSize(index)
      if (index >= size) throw new UsageError('INVALID_SIZE')
    }
    await this.checkWithin(size)
    const plans = indexes.map((index) => inclusionRanges(index, size))
    const hashes = await rangeHashes(this.db, this.id, plans.flat())
    let at = 0
    return plans.map((plan) => hashes.slice(at, (at += plan.length)))
  }

  /** PROOF(size1, D[0:size2]): the first tree is a prefix of the second. */
  async consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    checkSize(size1)
    if (size1 > size2) throw new UsageError('INVALID_SIZE')
    await this.checkWithin(size2)
    return rangeHashes(this.db, this.id, consistencyRanges(size1, size2))
  }

  /**
   * Stores a witness's cosignature of the checkpoint of `size`, after
   * checking it against the configured witness keys. Refused with
   * COSIGNATURE_REFUSED when no configured witness made it.
   */
  async addCosignature(size: number, line: string): Promise<void> {
    const stored = await this.checkpoint(size)
    if (!stored) throw new UsageError('NO_CHECKPOINT')
    const text = parseNote(stored.note).text
    let name: string
    try {
      name = parseSignatureLine(line).name
    } catch (error) {
      if (error instanceof NoteError) {
        throw new UsageError('COSIGNATURE_REFUSED')
      }
      throw error
    }
    for (const witness of this.witnesses.filter((w) => w.name === name)) {
      try {
        verifyCosignatureLine(text, line, witness)
      } catch (error) {
        if (error instanceof NoteError) continue
        throw error
      }
      await tables(this.db)
        .insertInto('usage_log_cosignature')
        .values({ log_id: this.id, size, witness: name, line })
        .onConflict((c) => c.columns(['log_id', 'size', 'witness']).doNothing())
        .execute()
      return
    }
    throw new UsageError('COSIGNATURE_REFUSED')
  }

  /** A person's visible records, newest first, and how many match. */
  async findRecords(
    query: RecordQuery,
  ): Promise<{ total: number; records: StoredRecord[] }> {
    let matching = tables(this.db)
      .selectFrom('usage_log_record')
      .where('log_id', '=', this.id)
      .where('personal_code', '=', query.personalCode)
      .where((eb) =>
        eb.or([
          eb('visible_after', 'is', null),
          eb('visible_after', '<=', query.now),
        ]),
      )
    if (query.periodStart) {
      matching = matching.where('logged_at', '>=', query.periodStart)
    }
    if (query.periodEnd) {
      matching = matching.where('logged_at', '<=', query.periodEnd)
    }
    const counted = await matching
      .select((eb) => eb.fn.countAll().as('total'))
      .executeTakeFirst()
    const rows = await matching
      .select(['idx', 'record'])
      .orderBy('logged_at', 'desc')
      .orderBy('idx', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute()
    return {
      total: Number(counted?.total ?? 0),
      records: rows.map((row) => ({
        index: Number(row.idx),
        record: JSON.parse(row.record) as UsageLogRecord,
        text: row.record,
      })),
    }
  }

  /** When the oldest kept record was logged; undefined when none is kept. */
  async oldestRecord(): Promise<Date | undefined> {
    const row = await tables(this.db)
      .selectFrom('usage_log_record')
      .select((eb) => eb.fn.min('logged_at').as('oldest'))
      .where('log_id', '=', this.id)
      .executeTakeFirst()
    return row?.oldest ? toDate(row.oldest) : undefined
  }

  /**
   * Retention: deletes the bodies of records logged before `before`.
   * Their leaf hashes stay, so every proof and checkpoint stays valid.
   * Returns how many were purged.
   */
  async purgeRecordsBefore(before: Date): Promise<number> {
    const result = await tables(this.db)
      .deleteFrom('usage_log_record')
      .where('log_id', '=', this.id)
      .where('logged_at', '<', before)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
