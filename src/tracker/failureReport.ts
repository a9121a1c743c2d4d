/** Why a usage record or a log's checkpoint failed verification. */
export type FailureReason =
  /** No checkpoint was served for the record's log. */
  | 'NO_CHECKPOINT'
  /** The log is not among the pinned keys. */
  | 'UNKNOWN_LOG'
  /** The checkpoint cannot be read, or names another log. */
  | 'BAD_CHECKPOINT'
  | 'BAD_LOG_SIGNATURE'
  /** A pinned witness's cosignature does not verify. */
  | 'BAD_COSIGNATURE'
  /** No pinned witness cosigned the checkpoint. */
  | 'MISSING_COSIGNATURE'
  /** The log's history does not extend the checkpoint stored earlier. */
  | 'INCONSISTENT_HISTORY'
  /** The consistency proof could not be fetched. */
  | 'CONSISTENCY_UNAVAILABLE'
  /** The record cannot be hashed as canonical JSON, or its index is bad. */
  | 'BAD_RECORD'
  /** The proof is not base64 hashes, or is for another tree size. */
  | 'BAD_PROOF'
  /** The record, at its index, does not lead to the checkpoint's root. */
  | 'NOT_INCLUDED'

/**
 * What a citizen can download and hand to anyone when a log failed:
 * the checkpoint stored earlier, the one served now and the proof that
 * should link them. Every part is public (no personal data).
 */
export interface FailureReport {
  format: 'citizen-portal/usage-log-failure/v1'
  origin: string
  reason: FailureReason
  detail: string
  storedCheckpoint: string | null
  servedCheckpoint: string | null
  consistencyProof: string[] | null
  /** For a record that failed: the record, its index and inclusion proof. */
  record?: { leafIndex: number; record: object; proof: string[] | null }
  createdAt: string
}

/** The report as a file's text and name, to offer as a download. */
export function failureReportFile(report: FailureReport): {
  name: string
  type: string
  text: string
} {
  const stamp = report.createdAt.replace(/[:.]/g, '-')
  return {
    name: `usage-log-failure-${stamp}.json`,
    type: 'application/json',
    text: `${JSON.stringify(report, null, 2)}\n`,
  }
}
