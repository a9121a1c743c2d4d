/**
 * What the tracker-verify benchmark loads into a blank Chromium page: the
 * browser verifier as the PWA bundles it, and a loop timing it, on
 * `window.trackerBench`.
 */
import { memoryCheckpointStore } from '../../src/tracker/checkpointStore.ts'
import { sandboxPinnedKeys } from '../../src/tracker/pinnedKeys.ts'
import {
  verifyUsages,
  type UsageToVerify,
} from '../../src/tracker/verifyUsages.ts'

export interface TrackerBenchData {
  origin: string
  usages: UsageToVerify[]
  /** The served checkpoint and the one stored on an earlier visit. */
  note: string
  stored: string
  consistency: string[]
}

/** Verifies the usages `runs` times, each as a new visit; answers ms. */
async function run(data: TrackerBenchData, runs: number) {
  const keys = sandboxPinnedKeys()
  const times: number[] = []
  let statuses: string[] = []
  for (let i = 0; i < runs; i++) {
    const store = memoryCheckpointStore()
    await store.put(data.origin, data.stored)
    const start = performance.now()
    const result = await verifyUsages({
      usages: data.usages,
      checkpoints: { [data.origin]: data.note },
      keys,
      store,
      fetchConsistency: () => Promise.resolve(data.consistency),
    })
    times.push(performance.now() - start)
    statuses = result.usages.map((u) => u.status)
  }
  return { times, statuses }
}

declare global {
  interface Window {
    trackerBench: { run: typeof run }
  }
}

window.trackerBench = { run }
