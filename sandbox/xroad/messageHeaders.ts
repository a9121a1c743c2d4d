/** Which headers the security server passes on, either way. */

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import type { FastifyRequest } from 'fastify'

/** Header name (lowercase) → every value sent, in order. */
export type HeaderLines = Map<string, string[]>

/** Hop-by-hop and host-revealing headers, never passed on (PR-REST 4.3). */
const FILTERED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'user-agent',
  'server',
  'content-length',
  'expect',
])

/**
 * Every header line as sent, names in lowercase, values in order. Read from
 * the raw lines so a repeated X-Road header is seen as repeated.
 */
export function headerLines(request: FastifyRequest): HeaderLines {
  const lines: HeaderLines = new Map()
  const raw = request.raw.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase()
    lines.set(name, [...(lines.get(name) ?? []), raw[i + 1] ?? ''])
  }
  return lines
}

/** The last value of a header sent more than once (PR-REST 4.3). */
export function lastValue(
  lines: HeaderLines,
  name: string,
): string | undefined {
  const values = lines.get(name)
  return values?.[values.length - 1]
}

/**
 * Request headers for the provider: every header the client sent except
 * the filtered ones (PR-REST 4.3 passes user-defined headers on), with the
 * client, message id, service and Accept as the security server settled
 * them. A client's own `X-Road-Service` is never passed on; with
 * `service`, the provider learns which of its services was called, as an
 * X-Road security server tells its providers.
 */
export function providerHeaders(
  lines: HeaderLines,
  message: { client: string; xRoadId: string; service?: string },
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, values] of lines) {
    if (FILTERED.has(name) || name.startsWith('x-road-request-')) continue
    if (name === 'x-road-service') continue
    headers[name] = values.join(', ')
  }
  if (message.service !== undefined) {
    headers['x-road-service'] = message.service
  }
  // X-Road headers count once; the last one sent wins (PR-REST 4.3).
  for (const name of ['x-road-userid', 'x-road-issue']) {
    const value = lastValue(lines, name)
    if (value !== undefined) headers[name] = value
  }
  headers['x-road-client'] = message.client
  headers['x-road-id'] = message.xRoadId
  headers.accept = lastValue(lines, 'accept') ?? 'application/json'
  return headers
}

/** Provider answer headers to pass back: not hop-by-hop, not X-Road's. */
export function answerHeaders(
  headers: IncomingHttpHeaders,
): OutgoingHttpHeaders {
  const passed: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || FILTERED.has(name)) continue
    if (name.startsWith('x-road-')) continue
    passed[name] = value
  }
  return passed
}
