/**
 * The citizen's records to keep or hand on: JSON with every proof, so
 * anyone can check them again, and CSV for a spreadsheet.
 */
import { tallinnDay } from '@common/tallinnTime'
import type { TrackedUsage, TrackerAnswer } from '@/api/tracker'

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

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function field(value: string): string {
  // A leading = + - @ makes spreadsheets run a formula: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

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
  return (
    [COLUMNS.join(','), ...rows.map((r) => r.map(field).join(','))].join(
      '\r\n',
    ) + '\r\n'
  )
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
