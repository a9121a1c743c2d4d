import type { AskedUsage, Explanation, TrackedUsage } from '@/api/tracker'

/** Which use of the data a request is about: the same in both lists. */
export function usageKey(
  register: string,
  u: AskedUsage | TrackedUsage,
): string {
  const time = Date.parse(u.logtime)
  const when = Number.isNaN(time)
    ? String(u.logtime)
    : new Date(time).toISOString()
  return [register, when, u.receiverCode, u.receiverSystem, u.action].join('|')
}

/** The newest request about each use, by usageKey. */
export function explanationsByUsage(
  list: readonly Explanation[],
): Map<string, Explanation> {
  const found = new Map<string, Explanation>()
  for (const e of list) {
    const key = usageKey(e.register, e.usage)
    const known = found.get(key)
    if (!known || known.createdAt < e.createdAt) found.set(key, e)
  }
  return found
}

/** Still waiting for the register's operator. */
export function isOpen(e: Explanation): boolean {
  return e.state === 'received' || e.state === 'in-progress'
}

/** What the register is asked about a use, from what the timeline shows. */
export function askedUsage(u: TrackedUsage): AskedUsage {
  const why = u.record?.why
  return {
    logtime: u.logtime,
    action: u.action,
    receiverCode: u.receiverCode,
    receiverSystem: u.receiverSystem,
    ...(u.receiverName ? { receiverName: u.receiverName } : {}),
    ...(typeof why === 'string' && why ? { why } : {}),
  }
}
