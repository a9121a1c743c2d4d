/**
 * The Data Tracker's timeline, as pure functions the page renders: which
 * records a filter keeps, and how they group into Tallinn days.
 */
import { tallinnDay } from '@common/tallinnTime'
import type { TrackedUsage } from '@/api/tracker'

/** What the citizen chose to see. Empty strings mean "all". */
export interface TimelineFilter {
  /** An agency's registry code (`receiverCode`). */
  agency: string
  /** A register's findUsage service. */
  register: string
  /** Show the citizen's own reads through the portal too. */
  includeOwn: boolean
}

export const NO_FILTER: TimelineFilter = {
  agency: '',
  register: '',
  includeOwn: false,
}

export function filterUsages(
  usages: readonly TrackedUsage[],
  filter: TimelineFilter,
): TrackedUsage[] {
  return usages.filter(
    (u) =>
      (filter.includeOwn || !u.byPortal) &&
      (!filter.agency || u.receiverCode === filter.agency) &&
      (!filter.register || u.register === filter.register),
  )
}

/** One day of the timeline, newest first within it. */
export interface TimelineDay {
  /** The Tallinn day, `YYYY-MM-DD`. */
  day: string
  usages: TrackedUsage[]
}

/** Records grouped by Tallinn day; days and records newest first. */
export function groupByDay(usages: readonly TrackedUsage[]): TimelineDay[] {
  const sorted = [...usages].sort((a, b) => b.logtime.localeCompare(a.logtime))
  const days: TimelineDay[] = []
  for (const usage of sorted) {
    const day = tallinnDay(new Date(usage.logtime))
    const last = days.at(-1)
    if (last?.day === day) last.usages.push(usage)
    else days.push({ day, usages: [usage] })
  }
  return days
}

/** The distinct values of one field, for a filter's choices. */
export function distinct<K extends 'receiverCode' | 'register'>(
  usages: readonly TrackedUsage[],
  key: K,
): string[] {
  return [...new Set(usages.map((u) => u[key]))].sort()
}

/** The registry code of a register's member: `ee-dev/GOV/70008440/population/findUsage` → `70008440`. */
export function registerMember(register: string): string {
  return register.split('/')[2] ?? register
}

/** The register's subsystem: `…/70008440/population/findUsage` → `population`. */
export function registerSubsystem(register: string): string {
  return register.split('/')[3] ?? register
}

/** A key usable in i18n messages: dots become underscores. */
export function messageKey(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_')
}
