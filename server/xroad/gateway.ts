import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import {
  formatServiceId,
  parseServiceId,
  serviceUrlPath,
} from '../../common/xroad/identifiers.ts'
import { PortalError, portalError } from '../errors.ts'
import { redactPersonalCodes } from '../logging.ts'
import { faultToPortalError, parseFault } from './xroadError.ts'

/** One call through X-Road on a citizen's behalf. */
export interface XRoadRequest {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]`. */
  service: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path below the service, starting with '/', parts already encoded. */
  path?: string
  query?: Record<string, string>
  body?: unknown
  /** `X-Road-UserId`: country code + personal code, e.g. EE60001019906. */
  userId: string
  /** `X-Road-Issue`: the purpose code, plus a case id where one exists. */
  issue: string
}

/** A provider's answer, passed on with its status (errors included). */
export interface XRoadResponse<T = unknown> {
  status: number
  body: T
  messageId: string
  requestId: string
}

/** How the portal reaches its security server. */
export interface GatewayOptions {
  securityServerUrl: string
  client: string
  log: FastifyBaseLogger
  timeoutMs?: number
  maxResponseBytes?: number
}

/** The portal as an X-Road client. */
export interface Gateway {
  send<T = unknown>(request: XRoadRequest): Promise<XRoadResponse<T>>
}

async function readCapped(response: Response, cap: number): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > cap) throw portalError('XROAD_BAD_RESPONSE')
  const text = await response.text()
  if (Buffer.byteLength(text) > cap) throw portalError('XROAD_BAD_RESPONSE')
  return text
}

function parseJson(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw portalError('XROAD_BAD_RESPONSE')
  }
}

/**
 * Makes the portal's X-Road client: builds the `r1` URL, sends the X-Road
 * headers, checks the answer's message id and turns security-server faults
 * into portal errors. Logs the message id, service, status and duration.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const timeoutMs = options.timeoutMs ?? 10_000
  const cap = options.maxResponseBytes ?? 2_000_000

  return {
    async send<T>(request: XRoadRequest): Promise<XRoadResponse<T>> {
      const service = parseServiceId(request.service)
      if (!service) throw new Error(`Bad X-Road service id ${request.service}`)
      const url = new URL(
        serviceUrlPath(service) + (request.path ?? ''),
        options.securityServerUrl,
      )
      for (const [k, v] of Object.entries(request.query ?? {})) {
        url.searchParams.set(k, v)
      }

      const messageId = randomUUID()
      const headers: Record<string, string> = {
        'X-Road-Client': options.client,
        'X-Road-Id': messageId,
        'X-Road-UserId': request.userId,
        'X-Road-Issue': request.issue,
        Accept: 'application/json',
      }
      if (request.body !== undefined)
        headers['Content-Type'] = 'application/json'

      const started = performance.now()
      const log = (status: number | string) =>
        options.log.info(
          {
            xroadMessageId: messageId,
            service: formatServiceId(service),
            path: redactPersonalCodes(request.path ?? ''),
            status,
            durationMs: Math.round(performance.now() - started),
          },
          'x-road call',
        )

      let response: Response
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          body:
            request.body === undefined
              ? undefined
              : JSON.stringify(request.body),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError'
        log(timedOut ? 'timeout' : 'network-error')
        throw portalError(timedOut ? 'XROAD_TIMEOUT' : 'XROAD_UNAVAILABLE')
      }

      let body: unknown
      try {
        body = parseJson(await readCapped(response, cap))
      } catch (err) {
        log('bad-response')
        throw err instanceof PortalError
          ? err
          : portalError('XROAD_BAD_RESPONSE')
      }
      log(response.status)

      const faultType = response.headers.get('x-road-error')
      if (faultType) throw faultToPortalError(parseFault(body, faultType))

      const requestId = response.headers.get('x-road-request-id')
      if (response.headers.get('x-road-id') !== messageId || !requestId) {
        throw portalError('XROAD_BAD_RESPONSE')
      }
      return { status: response.status, body: body as T, messageId, requestId }
    },
  }
}
