import { randomBytes } from 'node:crypto'
import { canonicalJsonBytes } from '../../common/canonicalJson.ts'
import { leafHash } from '../../common/merkle/hashes.ts'

/**
 * One use of a person's data, as the log stores and the citizen's browser
 * rehashes it. Its leaf hash is `SHA-256(0x00 ‖ JCS(record))` (RFC 8785
 * canonical JSON); the random salt makes the published hashes reveal
 * nothing about whose data was used.
 */
export interface UsageLogRecord {
  /** Who used the data: the X-Road client and, where known, the official. */
  who: {
    /** The client, `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`. */
    client: string
    /** The agency's member (registry) code. */
    memberCode: string
    /** The agency's name, when the log knows it. */
    memberName?: string
    /** The client's subsystem; null when it called as a member. */
    subsystem: string | null
    /** `X-Road-UserId`: the person at the agency who asked, when sent. */
    official?: string
  }
  /** Whose data: the data subject's personal code. */
  whose: { personalCode: string }
  /** What was done: which register, which data, which action. */
  what: { register: string; dataset: string; action: string }
  /** `X-Road-Issue`: why; null when the client gave no reason. */
  why: string | null
  /** When, RFC 3339 UTC with milliseconds. */
  when: string
  /** `X-Road-Id`: the X-Road message id. */
  messageId: string
  /** For covert investigations: shown to the person only from this time. */
  visibleAfter?: string
  /** 16 random bytes, base64. */
  salt: string
}

/** A record before the log salts it. */
export type UsageLogEntry = Omit<UsageLogRecord, 'salt'>

/** Adds a fresh 16-byte random salt. */
export function saltRecord(entry: UsageLogEntry): UsageLogRecord {
  return { ...entry, salt: randomBytes(16).toString('base64') }
}

/** The record's bytes as hashed: its RFC 8785 canonical JSON. */
export function recordBytes(record: UsageLogRecord): Uint8Array {
  return canonicalJsonBytes(record)
}

/** The record's leaf hash in the Merkle tree. */
export function recordLeafHash(record: UsageLogRecord): Uint8Array {
  return leafHash(recordBytes(record))
}
