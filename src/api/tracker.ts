import { http } from './http'

/** One use of the citizen's data, as `GET /api/tracker/usages` gives it. */
export interface TrackedUsage {
  /** The register's findUsage service, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/findUsage`. */
  register: string
  /** When, as an ISO date-time in UTC. */
  logtime: string
  /** What the register did, e.g. `persons.read`. */
  action: string
  /** Who: the agency's registry code and system. */
  receiverCode: string
  receiverName?: string
  receiverSystem: string
  /** The citizen's own read, made by the portal on their behalf. */
  byPortal: boolean
  /** The origin of the register's usage log, when it proves its log. */
  log?: string
  /** The salted log record, where the register proves its log. */
  record?: Record<string, unknown>
  leafIndex?: number
  proof?: string[] | null
  treeSize?: number | null
}

/** How one register answered the question. */
export interface RegisterState {
  register: string
  state: 'ok' | 'failed'
  totalUsages?: number
  truncated?: boolean
  error?: { code: string; message: string }
  /** The register's usage log: its origin and latest signed checkpoint. */
  log?: string
  checkpoint?: string
}

export interface TrackerAnswer {
  from: string
  to: string
  registers: RegisterState[]
  usages: TrackedUsage[]
}

/** A period of Tallinn days, `YYYY-MM-DD`, both included. */
export interface TrackerPeriod {
  from?: string
  to?: string
}

/** Who used the signed-in citizen's data in a period (default: a year). */
export async function fetchUsages(
  period: TrackerPeriod = {},
): Promise<TrackerAnswer> {
  const params = Object.fromEntries(
    Object.entries(period).filter(([, v]) => typeof v === 'string' && v !== ''),
  )
  return (await http.get<TrackerAnswer>('/tracker/usages', { params })).data
}

/** Where a request to explain an access stands. */
export type ExplanationState =
  'received' | 'in-progress' | 'answered' | 'refused'

/** The use a citizen asks about, as the timeline shows it. */
export interface AskedUsage {
  logtime: string
  action: string
  receiverCode: string
  receiverSystem: string
  receiverName?: string
  why?: string
}

/** A citizen's request that a register explain one use of their data. */
export interface Explanation {
  register: string
  id: string
  state: ExplanationState
  usage: AskedUsage
  question?: string
  createdAt: string
  updatedAt: string
  answer?: string
}

/** The citizen's requests in every register, newest first. */
export async function fetchExplanations(): Promise<{
  explanations: Explanation[]
  failedRegisters: string[]
}> {
  return (await http.get('/tracker/explanations')).data
}

/** Asks the register that logged `usage` to explain it. */
export async function askExplanation(request: {
  id: string
  register: string
  usage: AskedUsage
  question?: string
  language: 'et' | 'en' | 'ru'
}): Promise<Explanation> {
  return (await http.post<Explanation>('/tracker/explanations', request)).data
}
