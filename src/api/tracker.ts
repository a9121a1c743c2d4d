import { http } from './http'

import type {
  RegisterState,
  TrackedUsage,
  TrackerAnswer,
} from '@common/tracker/trackerAnswer'

export type { RegisterState, TrackedUsage, TrackerAnswer }

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
