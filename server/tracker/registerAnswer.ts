/**
 * Reads a register's findUsage v2 answer without trusting its shape: a
 * register is another agency's system, and one that answers garbage must
 * fail alone, not break the citizen's whole timeline.
 */

/** One use of the citizen's data, as the portal passes it to the PWA. */
export interface TrackedUsage {
  /** The register's findUsage service, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/findUsage`. */
  register: string
  logtime: string
  action: string
  receiverCode: string
  receiverName?: string
  receiverSystem: string
  /** The citizen's own read, made by the portal on their behalf. */
  byPortal: boolean
  /** The origin of the register's usage log, when it serves checkpoints. */
  log?: string
  /** The salted record the log's leaf hashes, where the register proves its log. */
  record?: unknown
  leafIndex?: number
  /** Base64 inclusion proof; null while no witnessed checkpoint covers it. */
  proof?: string[] | null
  treeSize?: number | null
}

export interface RegisterAnswer {
  totalUsages: number
  usages: Omit<TrackedUsage, 'register' | 'byPortal' | 'log'>[]
  /**
   * The witnessed checkpoint note the proofs lead to, when the register
   * sends it with them: read from the same answer, it cannot be newer.
   */
  checkpoint?: string
}

/** A checkpoint note with its signatures stays well under this. */
const MAX_NOTE = 16_384

function readCheckpoint(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const note = (value as { note?: unknown } | null)?.note
  if (!isText(note, MAX_NOTE) || !note.includes('\n')) {
    throw new Error('bad checkpoint')
  }
  return note
}

const isText = (v: unknown, max = 512): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max
const isCount = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 0

function readProof(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return value
  if (!Array.isArray(value) || value.length > 64) throw new Error('bad proof')
  if (!value.every((h) => isText(h, 64))) throw new Error('bad proof hash')
  return value as string[]
}

function readUsage(value: unknown): RegisterAnswer['usages'][number] {
  const u = value as Record<string, unknown>
  if (typeof u !== 'object' || u === null)
    throw new Error('a usage is not an object')
  const { logtime, action, receiverCode, receiverName, receiverSystem } = u
  if (!isText(logtime, 64) || Number.isNaN(Date.parse(logtime))) {
    throw new Error('bad logtime')
  }
  if (!isText(action) || !isText(receiverCode) || !isText(receiverSystem)) {
    throw new Error('a usage lacks its action or receiver')
  }
  if (receiverName !== undefined && typeof receiverName !== 'string') {
    throw new Error('bad receiverName')
  }
  const usage: RegisterAnswer['usages'][number] = {
    logtime: new Date(logtime).toISOString(),
    action,
    receiverCode,
    receiverSystem,
    ...(receiverName ? { receiverName } : {}),
  }
  if (u.record !== undefined) {
    if (typeof u.record !== 'object' || u.record === null)
      throw new Error('bad record')
    if (!isCount(u.leafIndex)) throw new Error('bad leafIndex')
    usage.record = u.record
    usage.leafIndex = u.leafIndex
    usage.proof = readProof(u.proof) ?? null
    usage.treeSize = isCount(u.treeSize) ? u.treeSize : null
  }
  return usage
}

/** The answer, checked; throws when it is not a findUsage v2 answer. */
export function readRegisterAnswer(body: unknown): RegisterAnswer {
  const b = body as Record<string, unknown>
  if (typeof b !== 'object' || b === null || !Array.isArray(b.usages)) {
    throw new Error('not a findUsage answer')
  }
  if (!isCount(b.totalUsages)) throw new Error('bad totalUsages')
  const checkpoint = readCheckpoint(b.checkpoint)
  return {
    totalUsages: b.totalUsages,
    usages: b.usages.map(readUsage),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  }
}
