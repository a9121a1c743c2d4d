/** One HTTP request of a load plan, always to a loopback origin. */
export interface PlannedRequest {
  /** Path and query, e.g. `/api/services/personal-data/person`. */
  path: string
  headers: Record<string, string>
  /** Sends a new random `X-Road-Id` header with every request. */
  freshXRoadId?: boolean
}

/**
 * What the load client does: `concurrency` lanes each send one operation
 * after another, taking the next from `operations` round-robin. An
 * operation is one or more requests sent at once; it is done when all
 * have answered, and it succeeds when all answered 200.
 */
export interface LoadPlan {
  /** e.g. `http://127.0.0.1:8080`; the client refuses anything else. */
  origin: string
  operations: PlannedRequest[][]
  concurrency: number
  /** Sent and thrown away before measuring. */
  warmUpMs: number
  /** How long operations are started for while measuring. */
  durationMs: number
}

/** What one measured run gave. */
export interface LoadResult {
  /** Operations started while measuring and answered 200. */
  succeeded: number
  /** Operations started while measuring that failed, by cause. */
  failures: Record<string, number>
  /** Operations per second over the measuring window. */
  perSecond: number
  /** Latency percentiles of succeeded operations, in milliseconds. */
  p50Ms: number
  p99Ms: number
}

/** The value below which `fraction` of the sorted samples lie. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil(fraction * sorted.length) - 1),
  )
  return sorted[index] ?? Number.NaN
}
