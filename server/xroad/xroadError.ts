import { portalError, type PortalError } from '../errors.ts'

/** The body of an error that a security server itself answers with. */
export interface XRoadFault {
  type: string
  message: string
  detail: string
}

/** Compares fault types case-insensitively, ignoring underscores. */
export function normaliseFaultType(type: string): string {
  return type.replace(/_/g, '').toLowerCase()
}

/**
 * Reads `{type, message, detail}` (PR-REST 4.6), tolerating missing fields
 * and a body that is not an object; the header's type is the fallback.
 */
export function parseFault(body: unknown, headerType: string): XRoadFault {
  const record =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)
      : {}
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return {
    type: text(record.type) || headerType,
    message: text(record.message),
    detail: text(record.detail),
  }
}

const UNKNOWN = ['unknownservice', 'unknownmember', 'unknownsubsystem']

/**
 * Turns a security server's fault into a portal error a citizen can read.
 * `Client.*` faults mean the portal built a bad request: its own bug.
 * The fault itself goes to the log, not to the browser.
 */
export function faultToPortalError(fault: XRoadFault): PortalError {
  const type = normaliseFaultType(fault.type)
  const last = type.split('.').at(-1) ?? ''

  if (last === 'accessdenied') return portalError('XROAD_ACCESS_DENIED')
  if (UNKNOWN.includes(last)) return portalError('XROAD_UNKNOWN_SERVICE')
  if (type.includes('timeout')) return portalError('XROAD_TIMEOUT')
  if (last === 'networkerror') return portalError('XROAD_UNAVAILABLE')
  if (last === 'servicefailed') return portalError('XROAD_SERVICE_FAILED')
  if (type.startsWith('client.')) return portalError('XROAD_CLIENT_FAULT')
  return portalError('XROAD_UNAVAILABLE')
}
