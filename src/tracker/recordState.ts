import type { TrackedUsage } from '@/api/tracker'

/**
 * What the citizen's browser could establish about a record:
 * - `verified`: its leaf is in a signed, witnessed checkpoint consistent
 *   with what this browser saw before;
 * - `pending`: no witnessed checkpoint covers it yet;
 * - `failed`: a check failed: the record, its proof or the log's history
 *   is not what the register signed;
 * - `unproven`: the register gives no proof at all;
 * - `checking`: the browser is still working on it.
 */
export type RecordState =
  'verified' | 'pending' | 'failed' | 'unproven' | 'checking'

/** A record's state before any cryptography: what its answer already tells. */
export function initialState(usage: TrackedUsage): RecordState {
  if (usage.record === undefined) return 'unproven'
  if (!usage.proof) return 'pending'
  return 'checking'
}
