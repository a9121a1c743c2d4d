/**
 * A security server's message log: one record per exchange, never a body,
 * hash-chained so a changed, removed or reordered record is found.
 *
 * Each record's hash is hex SHA-256 over the canonical JSON (keys sorted,
 * no spaces, UTF-8) of its fields and the previous record's hash:
 * `{client, faultType, loggedAt, method, outcome, path, prevHash,
 * requestHash, requestId, responseStatus, server, service, version: 1,
 * xRoadId}`. The first record's `prevHash` is 64 zeros. A head row per
 * server holds the newest record's number and hash; appends lock it, so
 * records are chained one after another across processes.
 */

import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { redactPersonalCodes } from '../../server/logging.ts'

/** The `prevHash` of a server's first record. */
export const GENESIS_HASH = '0'.repeat(64)

const FORMAT_VERSION = 1

/** How an exchange ended, as the security server saw it. */
export type ExchangeOutcome =
  /** The security server answered itself (metaservices, listClients). */
  | 'answered'
  /** The provider answered; its status is passed on as it is. */
  | 'forwarded'
  /** The federated instance's security server answered. */
  | 'federated'
  /** The security server refused or failed with an X-Road fault. */
  | 'fault'

/** What the security server records about one exchange. */
export interface MessageLogEntry {
  xRoadId: string
  requestId: string
  /** `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`, null when none could be read. */
  client: string | null
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`, null when none was named. */
  service: string | null
  method: string
  /** The request target; personal codes are redacted before storing. */
  path: string
  outcome: ExchangeOutcome
  /** `X-Road-Request-Hash` of the request, null when none was made. */
  requestHash: string | null
  responseStatus: number
  /** `X-Road-Error` of the answer, null when there was none. */
  faultType: string | null
}

/** A stored record of a server's chain. */
export interface MessageLogRecord extends MessageLogEntry {
  server: string
  /** 1, 2, 3, … per server. */
  seq: number
  /** UTC, with millisecond precision. */
  loggedAt: string
  prevHash: string
  hash: string
}

interface LogTable {
  server: string
  seq: number | bigint | string
  logged_at: Date | string
  x_road_id: string
  request_id: string
  client: string | null
  service: string | null
  method: string
  path: string
  outcome: string
  request_hash: string | null
  response_status: number
  fault_type: string | null
  prev_hash: string
  hash: string
}

interface HeadTable {
  server: string
  seq: number | bigint | string
  hash: string
}

// A type alias, not an interface, so `Kysely#withTables` accepts it.
type MessageLogTables = {
  sandbox_xroad_log: LogTable
  sandbox_xroad_log_head: HeadTable
}

function tables(db: Kysely<unknown>): Kysely<MessageLogTables> {
  return db.withTables<MessageLogTables>()
}

/** JSON with object keys sorted, so the same fields give the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** The hash of a record, from its fields and the previous hash. */
export function recordHash(
  record: Omit<MessageLogRecord, 'seq' | 'hash'>,
): string {
  const fields = {
    version: FORMAT_VERSION,
    server: record.server,
    loggedAt: record.loggedAt,
    xRoadId: record.xRoadId,
    requestId: record.requestId,
    client: record.client,
    service: record.service,
    method: record.method,
    path: record.path,
    outcome: record.outcome,
    requestHash: record.requestHash,
    responseStatus: record.responseStatus,
    faultType: record.faultType,
    prevHash: record.prevHash,
  }
  return createHash('sha256')
    .update(canonicalJson(fields), 'utf8')
    .digest('hex')
}

function fromRow(row: LogTable): MessageLogRecord {
  return {
    server: row.server,
    seq: Number(row.seq),
    loggedAt: new Date(row.logged_at).toISOString(),
    xRoadId: row.x_road_id,
    requestId: row.request_id,
    client: row.client,
    service: row.service,
    method: row.method,
    path: row.path,
    outcome: row.outcome as ExchangeOutcome,
    requestHash: row.request_hash,
    responseStatus: Number(row.response_status),
    faultType: row.fault_type,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

/** Where a record can be appended; the security server's only need. */
export interface MessageLogWriter {
  append(entry: MessageLogEntry): Promise<MessageLogRecord>
}

/** An entry waiting for the next append transaction. */
interface Pending {
  entry: MessageLogEntry
  resolve(record: MessageLogRecord): void
  reject(error: unknown): void
}

/** The most records one append transaction writes. */
const MAX_BATCH = 256

/**
 * The message log of one security server, stored in the sandbox tables.
 * Appends run in a transaction that locks the server's head row (SELECT …
 * FOR UPDATE), so concurrent requests, and several processes sharing one
 * PostgreSQL, chain their records one after another.
 *
 * Entries that arrive while a transaction is running wait for the next
 * one, which chains and writes them all (a group commit): one lock and
 * one insert for many exchanges, and each append still resolves only once
 * its own record is committed.
 *
 * Limitation: the chain shows tampering only by someone who cannot also
 * rewrite every later record and the head row; X-Road's own message log
 * signs and timestamps records with a trusted time-stamping authority.
 */
export class MessageLog implements MessageLogWriter {
  private queue: Pending[] = []
  private writing = false
  private headExists = false

  constructor(
    private readonly db: Kysely<unknown>,
    /** The server's name in the log, e.g. its instance `ee-dev`. */
    readonly server: string,
  ) {}

  /** Adds a record at the end of the chain and resolves it once committed. */
  append(entry: MessageLogEntry): Promise<MessageLogRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject })
      if (!this.writing) void this.drain()
    })
  }

  /** Writes waiting entries, a batch per transaction, until none wait. */
  private async drain(): Promise<void> {
    this.writing = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH)
        try {
          const records = await this.write(batch.map((p) => p.entry))
          batch.forEach((pending, i) => pending.resolve(records[i]!))
        } catch (err) {
          for (const pending of batch) pending.reject(err)
        }
      }
    } finally {
      this.writing = false
    }
  }

  /** One transaction: locks the head, chains the entries, moves the head. */
  private write(entries: MessageLogEntry[]): Promise<MessageLogRecord[]> {
    return tables(this.db)
      .transaction()
      .execute(async (trx) => {
        if (!this.headExists) {
          await trx
            .insertInto('sandbox_xroad_log_head')
            .values({ server: this.server, seq: 0, hash: GENESIS_HASH })
            .onConflict((c) => c.column('server').doNothing())
            .execute()
        }
        const head = await trx
          .selectFrom('sandbox_xroad_log_head')
          .select(['seq', 'hash'])
          .where('server', '=', this.server)
          .forUpdate()
          .executeTakeFirstOrThrow()

        let seq = Number(head.seq)
        let prevHash = head.hash
        const records = entries.map((entry): MessageLogRecord => {
          // Taken under the lock, so times never go back along the chain.
          const unsigned = {
            ...entry,
            path: redactPersonalCodes(entry.path),
            server: this.server,
            loggedAt: new Date().toISOString(),
            prevHash,
          }
          const record = { ...unsigned, seq: ++seq, hash: recordHash(unsigned) }
          prevHash = record.hash
          return record
        })
        await trx
          .insertInto('sandbox_xroad_log')
          .values(
            records.map((record) => ({
              server: record.server,
              seq: record.seq,
              logged_at: record.loggedAt,
              x_road_id: record.xRoadId,
              request_id: record.requestId,
              client: record.client,
              service: record.service,
              method: record.method,
              path: record.path,
              outcome: record.outcome,
              request_hash: record.requestHash,
              response_status: record.responseStatus,
              fault_type: record.faultType,
              prev_hash: record.prevHash,
              hash: record.hash,
            })),
          )
          .execute()
        await trx
          .updateTable('sandbox_xroad_log_head')
          .set({ seq, hash: prevHash })
          .where('server', '=', this.server)
          .execute()
        return records
      })
      .then((records) => {
        this.headExists = true
        return records
      })
  }

  /** The server's records in chain order. */
  async records(): Promise<MessageLogRecord[]> {
    const rows = await tables(this.db)
      .selectFrom('sandbox_xroad_log')
      .selectAll()
      .where('server', '=', this.server)
      .orderBy('seq')
      .execute()
    return rows.map(fromRow)
  }
}

/** Why a chain does not verify. */
export type ChainProblem = 'changed' | 'removed' | 'reordered'

/** The outcome of walking one server's chain. */
export type ChainVerification =
  | { server: string; ok: true; records: number; headHash: string }
  | {
      server: string
      ok: false
      records: number
      /** The first record that is not where and what the chain says. */
      seq: number
      problem: ChainProblem
      message: string
    }

/**
 * Walks a server's chain from the first record and reports the first one
 * that was changed (its hash does not match its fields), removed (a number
 * is missing, a link points past it, or the head row is ahead of the last
 * record) or reordered (its link points to another record of the chain).
 */
export async function verifyMessageLog(
  db: Kysely<unknown>,
  server: string,
): Promise<ChainVerification> {
  const records = await new MessageLog(db, server).records()
  const head = await tables(db)
    .selectFrom('sandbox_xroad_log_head')
    .select(['seq', 'hash'])
    .where('server', '=', server)
    .executeTakeFirst()
  const hashes = new Set(records.map((r) => r.hash))
  const fail = (seq: number, problem: ChainProblem, message: string) =>
    ({
      server,
      ok: false,
      records: records.length,
      seq,
      problem,
      message,
    }) as const

  let expected = 1
  let prevHash = GENESIS_HASH
  for (const record of records) {
    if (record.seq !== expected) {
      return fail(expected, 'removed', `Record ${expected} is missing.`)
    }
    const { seq: _seq, hash, ...fields } = record
    if (recordHash(fields) !== hash) {
      return fail(
        record.seq,
        'changed',
        `Record ${record.seq} does not match its hash.`,
      )
    }
    if (record.prevHash !== prevHash) {
      const reordered = hashes.has(record.prevHash)
      return fail(
        record.seq,
        reordered ? 'reordered' : 'removed',
        reordered
          ? `Record ${record.seq} follows another record than the one before it.`
          : `The record before record ${record.seq} was removed or replaced.`,
      )
    }
    prevHash = hash
    expected++
  }

  const headSeq = head ? Number(head.seq) : 0
  const headHash = head?.hash ?? GENESIS_HASH
  if (headSeq !== records.length || headHash !== prevHash) {
    return fail(
      records.length + 1,
      'removed',
      `The log's head is record ${headSeq}, but the chain ends at ` +
        `record ${records.length}.`,
    )
  }
  return { server, ok: true, records: records.length, headHash }
}

/** The servers that have a message log in this database. */
export async function messageLogServers(
  db: Kysely<unknown>,
): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('sandbox_xroad_log_head')
    .select('server')
    .orderBy('server')
    .execute()
  return rows.map((r) => r.server)
}
