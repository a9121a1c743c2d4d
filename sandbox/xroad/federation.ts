/**
 * Federation between X-Road instances: a client of one instance calls a
 * service of another through its own security server, which passes the
 * call on to the provider instance's security server; that one checks its
 * own access rights for the foreign client and forwards to the provider.
 */

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import {
  answerHeaders,
  providerHeaders,
  type HeaderLines,
} from './messageHeaders.ts'

/**
 * Security servers of the instances a security server is federated with:
 * instance → base URL, e.g. `FI-TEST` → `http://127.0.0.1:8082`. Read at
 * each call, so it may be filled in after the servers have started.
 */
export type FederatedInstances = ReadonlyMap<string, string>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Headers for the federated security server: what a provider would get,
 * plus the request id, so both servers log the exchange under one id.
 */
export function federationHeaders(
  lines: HeaderLines,
  message: { client: string; xRoadId: string; requestId: string },
): Record<string, string> {
  return {
    ...providerHeaders(lines, message),
    'x-road-request-id': message.requestId,
  }
}

/**
 * The request id a call from a federated security server brings along,
 * when it is one; a client's own value is never taken.
 */
export function federatedRequestId(
  value: string | undefined,
): string | undefined {
  return value !== undefined && UUID.test(value) ? value : undefined
}

/**
 * The federated server's answer headers to pass back to the client: the
 * provider's own, and the federated server's `X-Road-Error` when it
 * refused, so the client sees the fault as the provider side raised it.
 * The other X-Road headers are set anew by the client's security server.
 */
export function federatedAnswerHeaders(
  headers: IncomingHttpHeaders,
): OutgoingHttpHeaders {
  const passed = answerHeaders(headers)
  const error = headers['x-road-error']
  if (typeof error === 'string') passed['x-road-error'] = error
  return passed
}
