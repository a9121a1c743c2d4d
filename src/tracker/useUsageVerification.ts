import { shallowRef, watch, type Ref } from 'vue'
import { http } from '@/api/http'
import type { TrackedUsage, TrackerAnswer } from '@/api/tracker'
import {
  indexedDbCheckpointStore,
  memoryCheckpointStore,
  type CheckpointStore,
} from './checkpointStore'
import type { FailureReport } from './failureReport'
import { pinnedKeys } from './pinnedKeys'
import type { RecordState } from './recordState'
import { initialState } from './recordState'
import { verifyUsages, type UsageToVerify } from './verifyUsages'

/** A register whose log failed the check, with what to hand on. */
export interface LogFailure {
  register: string
  origin: string
  report?: FailureReport
  reason: string
}

function checkpointStore(): CheckpointStore {
  return typeof indexedDB === 'undefined'
    ? memoryCheckpointStore()
    : indexedDbCheckpointStore()
}

/**
 * Checks every proven record of an answer in the browser, as soon as the
 * answer arrives: each record's state (verified, pending, failed, unproven)
 * and the logs that failed, each with its evidence.
 */
export function useUsageVerification(
  answer: Ref<TrackerAnswer | null>,
  store: CheckpointStore = checkpointStore(),
) {
  const states = shallowRef(new Map<TrackedUsage, RecordState>())
  const failures = shallowRef<LogFailure[]>([])
  let run = 0

  async function verify(current: TrackerAnswer) {
    const mine = ++run
    const initial = new Map(
      current.usages.map((u) => [u, initialState(u)] as const),
    )
    states.value = initial
    failures.value = []

    const proven = current.usages.filter(
      (u) => u.record !== undefined && u.leafIndex !== undefined,
    )
    const registerOf = new Map(
      current.registers
        .filter((r) => r.log)
        .map((r) => [r.log!, r.register] as const),
    )
    const checkpoints: Record<string, string> = {}
    for (const r of current.registers)
      if (r.log && r.checkpoint) checkpoints[r.log] = r.checkpoint

    const input: UsageToVerify[] = proven.map((u) => ({
      log: u.log ?? `${u.register} (no checkpoint)`,
      leafIndex: u.leafIndex!,
      record: u.record!,
      proof: u.proof ?? null,
      treeSize: u.treeSize ?? null,
    }))
    const result = await verifyUsages({
      usages: input,
      checkpoints,
      keys: pinnedKeys(),
      store,
      async fetchConsistency(origin, from, to) {
        const register = registerOf.get(origin)
        const { data } = await http.get<{ proof: string[] }>(
          '/tracker/consistency',
          {
            params: { register, from, to },
          },
        )
        return data.proof
      },
    })
    if (mine !== run) return

    const next = new Map(initial)
    proven.forEach((usage, i) => {
      const verdict = result.usages[i]
      if (verdict) next.set(usage, verdict.status)
    })
    states.value = next
    const logFailures = Object.values(result.logs)
      .filter((log) => log.status === 'failed')
      .map((log) => ({
        origin: log.origin,
        register:
          registerOf.get(log.origin) ??
          proven.find((u) => u.log === log.origin)?.register ??
          log.origin,
        reason: log.reason ?? 'BAD_CHECKPOINT',
        report: log.report,
      }))
    // A log that verified can still hold a record that does not: the first
    // such record of each log raises the alert, with its own evidence.
    const recordFailures: LogFailure[] = []
    for (const [i, usage] of proven.entries()) {
      const verdict = result.usages[i]
      const origin = input[i]!.log
      if (verdict?.status !== 'failed') continue
      if ([...logFailures, ...recordFailures].some((f) => f.origin === origin))
        continue
      recordFailures.push({
        origin,
        register: usage.register,
        reason: verdict.reason,
        report: {
          format: 'citizen-portal/usage-log-failure/v1',
          origin,
          reason: verdict.reason,
          detail: `record ${usage.leafIndex} does not verify`,
          storedCheckpoint: (await store.get(origin)) ?? null,
          servedCheckpoint: checkpoints[origin] ?? null,
          consistencyProof: null,
          record: {
            leafIndex: usage.leafIndex!,
            record: usage.record!,
            proof: usage.proof ?? null,
          },
          createdAt: new Date().toISOString(),
        },
      })
    }
    if (mine !== run) return
    failures.value = [...logFailures, ...recordFailures]
  }

  watch(
    answer,
    (current) => {
      if (current) void verify(current)
    },
    { immediate: true },
  )

  return {
    stateOf: (usage: TrackedUsage): RecordState =>
      states.value.get(usage) ?? initialState(usage),
    failures,
  }
}
