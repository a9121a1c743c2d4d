import { sql, type Kysely } from 'kysely'
import { formatCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import type { NoteSigner } from '../../common/checkpoint/keys.ts'
import { signNote } from '../../common/checkpoint/note.ts'
import { emptyRoot, nodeHash } from '../../common/merkle/hashes.ts'
import { readNodes, storedSize } from './nodes.ts'
import {
  recordBytes,
  recordLeafHash,
  saltRecord,
  type UsageLogEntry,
  type UsageLogRecord,
} from './record.ts'
import { tables } from './tables.ts'
import { frontier, newInnerNodes, nodeId, type NodeKey } from './treeShape.ts'
import { canonicalJson } from '../../common/canonicalJson.ts'

/** The advisory-lock namespace of usage logs ('usag'); the log id is the key. */
const LOCK_SPACE = 0x75736167

/** The most records one transaction writes, unless told otherwise. */
export const MAX_BATCH = 1024

/** Rows per INSERT, well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 4096

/** A record once committed: where it sits in the log. */
export interface Appended {
  index: number
  /** The size of the first checkpoint that covers it. */
  size: number
  record: UsageLogRecord
  leafHash: Uint8Array
}

/** The right edge of the tree: what the next append builds on. */
interface Edge {
  size: number
  nodes: Map<string, Uint8Array>
}

interface Pending {
  record: UsageLogRecord
  resolve(appended: Appended): void
  reject(error: unknown): void
}

/** The root of a tree from the hashes of its frontier (see treeShape). */
function rootOf(size: number, nodes: ReadonlyMap<string, Uint8Array>) {
  const hashes = frontier(size).map((key) => nodes.get(nodeId(key)))
  if (hashes.length === 0) return emptyRoot()
  return (hashes as Uint8Array[]).reduceRight((right, left) =>
    nodeHash(left, right),
  )
}

/**
 * Appends records to one log, many per transaction (a group commit):
 * records that arrive while a transaction runs wait for the next, which
 * writes their leaves, the inner nodes they complete, their bodies and a
 * signed checkpoint of the new tree. Each append resolves only once its
 * transaction has committed.
 *
 * Every transaction first takes a transaction-scoped advisory lock on the
 * log, so sequencers in several processes sharing one PostgreSQL append
 * one after another. The right edge of the tree is kept between batches
 * and reloaded (O(log n) rows) whenever another process has appended.
 */
export class Sequencer {
  private queue: Pending[] = []
  private writing = false
  private edge: Edge | undefined

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly logId: number,
    private readonly origin: string,
    private readonly signer: NoteSigner,
    /** 1 writes each record in its own transaction (the benchmark's baseline). */
    private readonly maxBatch = MAX_BATCH,
    /** Told the new size after each committed batch. */
    private readonly onCommit: (size: number) => void = () => {},
  ) {}

  /** Salts and appends a record; resolves once it is committed. */
  append(entry: UsageLogEntry): Promise<Appended> {
    const record = saltRecord(entry)
    // Refuse what cannot be hashed now, not inside someone else's batch.
    canonicalJson(record)
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject })
      if (!this.writing) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.writing = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch)
        try {
          const appended = await this.write(batch.map((p) => p.record))
          batch.forEach((pending, i) => pending.resolve(appended[i]!))
        } catch (error) {
          this.edge = undefined
          for (const pending of batch) pending.reject(error)
        }
      }
    } finally {
      this.writing = false
    }
  }

  private async loadEdge(db: Kysely<unknown>, size: number): Promise<Edge> {
    return { size, nodes: await readNodes(db, this.logId, frontier(size)) }
  }

  private async write(records: UsageLogRecord[]): Promise<Appended[]> {
    const { edge, appended } = await this.db
      .transaction()
      .execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${LOCK_SPACE}::int, ${this.logId}::int)`.execute(
          trx,
        )
        const size = await storedSize(trx, this.logId)
        const old =
          this.edge?.size === size ? this.edge : await this.loadEdge(trx, size)
        const newSize = size + records.length

        const known = new Map(old.nodes)
        const rows: { level: number; idx: number; hash: Uint8Array }[] = []
        const appended = records.map((record, i): Appended => {
          const leaf = recordLeafHash(record)
          known.set(nodeId({ level: 0, index: size + i }), leaf)
          rows.push({ level: 0, idx: size + i, hash: leaf })
          return { index: size + i, size: newSize, record, leafHash: leaf }
        })
        for (const node of newInnerNodes(size, newSize)) {
          const child = (index: number): Uint8Array => {
            const key: NodeKey = { level: node.level - 1, index }
            const hash = known.get(nodeId(key))
            if (!hash) throw new Error(`Node ${nodeId(key)} is not known`)
            return hash
          }
          const hash = nodeHash(
            child(2 * node.index),
            child(2 * node.index + 1),
          )
          known.set(nodeId(node), hash)
          rows.push({ level: node.level, idx: node.index, hash })
        }

        const t = tables(trx)
        for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
          await t
            .insertInto('usage_log_node')
            .values(
              rows
                .slice(at, at + INSERT_CHUNK)
                .map((row) => ({ log_id: this.logId, ...row })),
            )
            .execute()
        }
        for (let at = 0; at < appended.length; at += INSERT_CHUNK) {
          await t
            .insertInto('usage_log_record')
            .values(
              appended.slice(at, at + INSERT_CHUNK).map((a) => ({
                log_id: this.logId,
                idx: a.index,
                personal_code: a.record.whose.personalCode,
                logged_at: a.record.when,
                visible_after: a.record.visibleAfter ?? null,
                record: new TextDecoder().decode(recordBytes(a.record)),
              })),
            )
            .execute()
        }

        const nodes = new Map(
          frontier(newSize).map((key) => [
            nodeId(key),
            known.get(nodeId(key))!,
          ]),
        )
        const rootHash = rootOf(newSize, nodes)
        const note = signNote(
          formatCheckpoint({ origin: this.origin, size: newSize, rootHash }),
          this.signer,
        )
        await t
          .insertInto('usage_log_checkpoint')
          .values({ log_id: this.logId, size: newSize, root: rootHash, note })
          .execute()
        return { edge: { size: newSize, nodes }, appended }
      })
    this.edge = edge
    this.onCommit(edge.size)
    return appended
  }
}
