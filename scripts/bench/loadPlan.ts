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

/** What the load client measured for one plan. */
export interface LoadSample {
  /** Latency of each operation that answered 200, in milliseconds. */
  latenciesMs: number[]
  /** Operations that failed, by cause (e.g. `HTTP 500`, `ECONNRESET`). */
  failures: Record<string, number>
  /** From the end of the warm-up to the last answer. */
  windowMs: number
}

/** What one or more measured runs gave. */
export interface LoadResult {
  /** Operations started while measuring and answered 200. */
  succeeded: number
  /** Operations started while measuring that failed, by cause. */
  failures: Record<string, number>
  /** Operations answered 200 per second of measuring. */
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

/** Pools samples of the same operations, taken in turns, into one result. */
export function summarize(samples: readonly LoadSample[]): LoadResult {
  const sorted = Float64Array.from(samples.flatMap((s) => s.latenciesMs))
  sorted.sort()
  const failures: Record<string, number> = {}
  for (const sample of samples) {
    for (const [cause, n] of Object.entries(sample.failures)) {
      failures[cause] = (failures[cause] ?? 0) + n
    }
  }
  const windowMs = samples.reduce((sum, s) => sum + s.windowMs, 0)
  return {
    succeeded: sorted.length,
    failures,
    perSecond: sorted.length / (windowMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  }
}
