import type { Generated, Kysely } from 'kysely'

/** Integers and bytes as either engine returns them. */
type Int = number | bigint | string
type Bytes = Uint8Array

interface LogTable {
  id: Generated<Int>
  origin: string
  created_at: Generated<Date | string>
}

interface KeyTable {
  log_id: Int
  seed: Bytes
}

interface NodeTable {
  log_id: Int
  level: Int
  idx: Int
  hash: Bytes
}

interface CheckpointTable {
  log_id: Int
  size: Int
  root: Bytes
  note: string
  created_at: Generated<Date | string>
}

interface CosignatureTable {
  log_id: Int
  size: Int
  witness: string
  line: string
  created_at: Generated<Date | string>
}

interface RecordTable {
  log_id: Int
  idx: Int
  personal_code: string
  logged_at: Date | string
  visible_after: Date | string | null
  record: string
}

// A type alias, not an interface, so `Kysely#withTables` accepts it.
export type UsageLogTables = {
  usage_log: LogTable
  usage_log_key: KeyTable
  usage_log_node: NodeTable
  usage_log_checkpoint: CheckpointTable
  usage_log_cosignature: CosignatureTable
  usage_log_record: RecordTable
}

/** The database seen through the usage-log tables. */
export function tables(db: Kysely<unknown>): Kysely<UsageLogTables> {
  return db.withTables<UsageLogTables>()
}

/** A bytea value as a plain Uint8Array (pg gives Buffers). */
export function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}

/** A date column as a Date (PGlite and pg differ). */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value)
}
