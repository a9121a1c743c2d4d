import type { Language } from '@common/catalog/manifest'
import { http } from './http'

/** An accessibility problem report for the portal's operator. */
export interface FeedbackReport {
  /** The page the problem is on: a path or a description. */
  page: string
  message: string
  /** How to reach the citizen back, if they want an answer. */
  contact?: string
  language: Language
}

/** Sends a report; resolves to the reference the server gave it. */
export async function sendFeedback(report: FeedbackReport): Promise<string> {
  const { data } = await http.post<{ id?: unknown }>('/feedback', report)
  return data.id === undefined ? '' : String(data.id)
}
