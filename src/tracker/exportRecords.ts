/**
 * The citizen's records to keep or hand on: JSON with every proof, so
 * anyone can check them again, and CSV for a spreadsheet.
 */
import { tallinnDay } from '@common/tallinnTime'
import type { TrackedUsage, TrackerAnswer } from '@/api/tracker'
import { csvText } from '@/utils/csv'

/** What each row's plain-language columns say. */
export interface ExportNames {
  agency(usage: TrackedUsage): string
  register(usage: TrackedUsage): string
  action(usage: TrackedUsage): string
  state(usage: TrackedUsage): string
}

const COLUMNS = [
  'logtime',
  'day',
  'agencyCode',
  'agency',
  'system',
  'register',
  'action',
  'byPortal',
  'leafIndex',
  'verification',
] as const

export function usagesToCsv(
  usages: readonly TrackedUsage[],
  names: ExportNames,
): string {
  const rows = usages.map((u) => [
    u.logtime,
    tallinnDay(new Date(u.logtime)),
    u.receiverCode,
    names.agency(u),
    u.receiverSystem,
    names.register(u),
    names.action(u),
    u.byPortal ? 'yes' : 'no',
    u.leafIndex === undefined ? '' : String(u.leafIndex),
    names.state(u),
  ])
  return csvText(COLUMNS, rows)
}

/** Everything the portal was given, proofs and checkpoints included. */
export function usagesToJson(
  answer: TrackerAnswer,
  usages: readonly TrackedUsage[],
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      from: answer.from,
      to: answer.to,
      registers: answer.registers,
      usages,
      ...extra,
    },
    null,
    2,
  )
}

/** Offers text as a file download. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
