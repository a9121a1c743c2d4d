import type { ColumnType, Generated, Kysely } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** The witness's tables, as its migrations make them. */
export interface WitnessTables {
  witness_log: {
    origin: string
    size: number
    /** base64, as in checkpoints. */
    root_hash: string
    /** The log's signed note as submitted; null before the first. */
    note: string | null
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  }
  witness_checkpoint: {
    id: Generated<number>
    origin: string
    size: number
    root_hash: string
    note: string
    cosignature: string
    cosigned_at: Timestamp
  }
  witness_report: {
    id: Generated<number>
    origin: string
    kind: string
    known_note: string | null
    known_size: number
    submitted_note: string
    old_size: number
    /** Proof lines, base64, newline-separated. */
    proof: string
    detail: string
    reported_at: Timestamp
  }
}

export const tables = (db: Kysely<unknown>) =>
  db as unknown as Kysely<WitnessTables>
