import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import {
  formatServiceId,
  memberOf,
  parseServiceId,
  serviceUrlPath,
  type XRoadServiceId,
} from '../../common/xroad/identifiers.ts'
import { PortalError, portalError, type CoreErrorCode } from '../errors.ts'
import { logsInfo, redactPersonalCodes } from '../logging.ts'
import {
  CircuitBreaker,
  type CallOutcome,
  type CircuitBreakerOptions,
} from './circuitBreaker.ts'
import {
  httpExchange,
  keepAliveAgents,
  ResponseTooLarge,
  type HttpAnswer,
} from './httpExchange.ts'
import {
  faultToPortalError,
  parseFault,
  type XRoadFault,
} from './xroadError.ts'

/** One call through X-Road on a citizen's behalf. */
export interface XRoadRequest {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`. */
  service: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path below the service, starting with '/', parts already encoded. */
  path?: string
  query?: Record<string, string>
  body?: unknown
  /** `X-Road-UserId`: country code + personal code, e.g. EE60001019906. */
  userId: string
  /** `X-Road-Issue`: the purpose code, plus `:` and a case id if one exists. */
  issue: string
  /** How long to wait for this service, retries included. */
  timeoutMs?: number
  /**
   * What the answer is: JSON (the default) or plain text, such as a usage
   * log's signed checkpoint; a text answer's body is the string itself.
   */
  accept?: 'json' | 'text'
}

/** A provider's answer, passed on with its status (errors included). */
export interface XRoadResponse<T = unknown> {
  status: number
  body: T
  /** The `X-Road-Id` of the attempt that was answered. */
  messageId: string
  requestId: string
}

/** How the portal reaches its security server. */
export interface GatewayOptions {
  securityServerUrl: string
  client: string
  log: FastifyBaseLogger
  /** Default wait for a service that declares none (10 s), retries included. */
  timeoutMs?: number
  /** Largest answer read, in bytes (2 MB). */
  maxResponseBytes?: number
  /** Extra attempts for a GET after a network error (2). */
  retries?: number
  /** Wait before the first retry, doubled for each next one (100 ms). */
  backoffMs?: number
  /** The breaker itself, or its settings. */
  breaker?: CircuitBreaker | CircuitBreakerOptions
  /** Waits between retries; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<unknown>
}

/** The portal as an X-Road client. */
export interface Gateway {
  send<T = unknown>(request: XRoadRequest): Promise<XRoadResponse<T>>
}

/** Printable ASCII: what X-Road headers may carry. */
const HEADER_TEXT = /^[\x20-\x7e]+$/

/** Outcomes that say the provider is unwell and count against its circuit. */
const FAILURES: readonly string[] = [
  'XROAD_UNAVAILABLE',
  'XROAD_TIMEOUT',
  'XROAD_SERVICE_FAILED',
] satisfies CoreErrorCode[]

function parseJson(text: string): unknown {
  if (text === '') return null
  return JSON.parse(text) as unknown
}

function outcomeOf(error: unknown): CallOutcome {
  return error instanceof PortalError && FAILURES.includes(error.code)
    ? 'failure'
    : 'neutral'
}

/** The low-level cause of a failed exchange, e.g. ECONNREFUSED. */
function causeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : (error as Error).name
}

/**
 * Makes the portal's X-Road client. It builds the `r1` URL, sends the
 * X-Road headers, checks the answer's message id, reads at most
 * `maxResponseBytes`, waits at most the service's timeout, retries a GET
 * after a network error, fails fast while a provider's circuit is open,
 * and turns security-server faults into portal errors. Each attempt is
 * logged with its message id, service, status and duration; the fault
 * goes to the log, never the body or a personal code.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const defaultTimeoutMs = options.timeoutMs ?? 10_000
  const cap = options.maxResponseBytes ?? 2_000_000
  const retries = options.retries ?? 2
  const backoffMs = options.backoffMs ?? 100
  const wait = options.sleep ?? sleep
  const breaker =
    options.breaker instanceof CircuitBreaker
      ? options.breaker
      : new CircuitBreaker(options.breaker)
  const agents = keepAliveAgents()

  /** Refuses a request the portal itself built wrongly, loudly. */
  function clientFault(request: XRoadRequest, reason: string): PortalError {
    options.log.error(
      { service: request.service, method: request.method, reason },
      'x-road call not sent: the portal built a bad request',
    )
    return portalError('XROAD_CLIENT_FAULT')
  }

  /** One HTTP exchange with the security server. */
  async function attempt(
    request: XRoadRequest,
    service: XRoadServiceId,
    number: number,
    deadline: AbortSignal,
  ): Promise<XRoadResponse> {
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
      Accept: request.accept === 'text' ? 'text/plain' : 'application/json',
    }
    if (request.body !== undefined) headers['Content-Type'] = 'application/json'

    const started = performance.now()
    const log = (
      status: number | string,
      extra: { code?: string; cause?: string; fault?: XRoadFault } = {},
    ) => {
      if (!extra.code && !logsInfo(options.log)) return
      const fault = extra.fault && {
        type: extra.fault.type,
        message: redactPersonalCodes(extra.fault.message),
        detail: redactPersonalCodes(extra.fault.detail),
      }
      const entry = {
        xroadMessageId: messageId,
        service: formatServiceId(service),
        method: request.method,
        path: redactPersonalCodes(request.path ?? ''),
        attempt: number,
        status,
        durationMs: Math.round(performance.now() - started),
        ...extra,
        fault,
      }
      if (extra.code === 'XROAD_CLIENT_FAULT') {
        options.log.error(
          entry,
          'x-road call refused: the portal sent a bad request',
        )
      } else if (extra.code) {
        options.log.warn(entry, 'x-road call failed')
      } else {
        options.log.info(entry, 'x-road call')
      }
    }
    const fail = (
      status: number | string,
      code: CoreErrorCode,
      extra: { cause?: string; fault?: XRoadFault } = {},
    ) => {
      log(status, { code, ...extra })
      return portalError(code)
    }

    let response: HttpAnswer
    try {
      response = await httpExchange(
        url,
        {
          method: request.method,
          headers,
          body:
            request.body === undefined
              ? undefined
              : JSON.stringify(request.body),
          signal: deadline,
        },
        agents,
      )
    } catch (err) {
      if (deadline.aborted) throw fail('timeout', 'XROAD_TIMEOUT')
      throw fail('network-error', 'XROAD_UNAVAILABLE', { cause: causeOf(err) })
    }

    const read = async (): Promise<string> => {
      try {
        return await response.text(cap)
      } catch (err) {
        if (err instanceof ResponseTooLarge) {
          throw fail(response.status, 'XROAD_BAD_RESPONSE', {
            cause: 'too-large',
          })
        }
        if (deadline.aborted) throw fail('timeout', 'XROAD_TIMEOUT')
        throw fail('network-error', 'XROAD_UNAVAILABLE', {
          cause: causeOf(err),
        })
      }
    }

    const faultType = response.header('x-road-error')
    if (faultType) {
      let body: unknown = null
      try {
        body = parseJson(await read())
      } catch (err) {
        // A fault with a broken body still names its type in the header.
        if (err instanceof PortalError && err.code !== 'XROAD_BAD_RESPONSE')
          throw err
      }
      const fault = parseFault(body, faultType)
      const error = faultToPortalError(fault)
      log(response.status, { code: error.code, fault })
      throw error
    }

    const requestId = response.header('x-road-request-id')
    if (response.header('x-road-id') !== messageId || !requestId) {
      response.discard()
      const cause = requestId ? 'id-mismatch' : 'no-request-id'
      throw fail(response.status, 'XROAD_BAD_RESPONSE', { cause })
    }

    let body: unknown
    const text = await read()
    try {
      body = request.accept === 'text' ? text : parseJson(text)
    } catch {
      throw fail(response.status, 'XROAD_BAD_RESPONSE', { cause: 'not-json' })
    }
    log(response.status)
    return { status: response.status, body, messageId, requestId }
  }

  return {
    async send<T>(request: XRoadRequest): Promise<XRoadResponse<T>> {
      const service = parseServiceId(request.service)
      if (!service) throw clientFault(request, 'malformed service id')
      if (!HEADER_TEXT.test(request.userId) || !HEADER_TEXT.test(request.issue))
        throw clientFault(request, 'X-Road header is not printable ASCII')

      const provider = `${memberOf(service)}/${service.subsystemCode}`
      const admission = breaker.admit(provider)
      if (!admission.allowed) {
        options.log.warn(
          { service: formatServiceId(service), status: 'circuit-open' },
          'x-road call not sent: the provider’s circuit is open',
        )
        throw portalError('XROAD_CIRCUIT_OPEN', {
          headers: {
            'retry-after': String(Math.ceil(admission.retryAfterMs / 1000)),
          },
        })
      }

      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs
      const deadline = AbortSignal.timeout(timeoutMs)
      const started = performance.now()
      for (let number = 1; ; number++) {
        try {
          const response = await attempt(request, service, number, deadline)
          breaker.record(provider, 'success', admission.trial)
          return response as XRoadResponse<T>
        } catch (err) {
          // Only a GET is safe to repeat, and only when it never arrived
          // or the provider could not be reached; never after a timeout.
          const pause = backoffMs * 2 ** (number - 1)
          const left = timeoutMs - (performance.now() - started)
          const retry =
            request.method === 'GET' &&
            err instanceof PortalError &&
            err.code === 'XROAD_UNAVAILABLE' &&
            number <= retries &&
            pause < left
          if (!retry) {
            breaker.record(provider, outcomeOf(err), admission.trial)
            throw err
          }
          await wait(pause)
        }
      }
    },
  }
}
