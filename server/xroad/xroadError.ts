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

/** Reads `{type, message, detail}`, tolerating missing fields. */
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

/**
 * Turns a security server's fault into a portal error a citizen can read.
 * The fault itself goes to the log, not to the browser.
 */
export function faultToPortalError(fault: XRoadFault): PortalError {
  const type = normaliseFaultType(fault.type)
  if (type.endsWith('accessdenied')) return portalError('XROAD_ACCESS_DENIED')
  if (type.includes('timeout')) return portalError('XROAD_TIMEOUT')
  if (type.startsWith('client.')) return portalError('XROAD_BAD_RESPONSE')
  return portalError('XROAD_UNAVAILABLE')
}
