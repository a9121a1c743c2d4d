/**
 * `GET /api/tracker/usages`: what the portal answers and the PWA reads,
 * declared once for both.
 */

/** One use of the citizen's data, as the portal passes it to the PWA. */
export interface TrackedUsage {
  /** The register's findUsage service, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/findUsage`. */
  register: string
  /** When, as an ISO date-time in UTC. */
  logtime: string
  /** What the register did, e.g. `persons.read`. */
  action: string
  /** Who: the agency's registry code, name and system. */
  receiverCode: string
  receiverName?: string
  receiverSystem: string
  /** The citizen's own read, made by the portal on their behalf. */
  byPortal: boolean
  /** The origin of the register's usage log, when it proves its log. */
  log?: string
  /** The salted record the log's leaf hashes, where the register proves its log. */
  record?: Record<string, unknown>
  leafIndex?: number
  /** Base64 inclusion proof; null while no witnessed checkpoint covers it. */
  proof?: string[] | null
  treeSize?: number | null
}

/** How one register answered the question. */
export interface RegisterState {
  register: string
  state: 'ok' | 'failed'
  totalUsages?: number
  /** More records than one answer carries: the oldest are left out. */
  truncated?: boolean
  error?: { code: string; message: string }
  /** The register's usage log: its origin and the checkpoint its proofs lead to. */
  log?: string
  checkpoint?: string
}

/** The whole answer: the period (Tallinn days), each register, the records. */
export interface TrackerAnswer {
  from: string
  to: string
  registers: RegisterState[]
  usages: TrackedUsage[]
}
