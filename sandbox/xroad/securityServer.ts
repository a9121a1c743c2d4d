import { randomUUID } from 'node:crypto'
import http from 'node:http'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import type { Logger } from 'pino'
import {
  formatClientId,
  type XRoadClientId,
} from '../../common/xroad/identifiers.ts'
import type { AccessRight } from '../../server/catalog/sandboxFragment.ts'
import { logsInfo, redactPersonalCodes } from '../../server/logging.ts'
import { AccessRights } from './accessRights.ts'
import {
  federatedAnswerHeaders,
  federatedRequestId,
  federationHeaders,
  type FederatedInstances,
} from './federation.ts'
import { forwardToProvider } from './forward.ts'
import type { ExchangeOutcome, MessageLogWriter } from './messageLog.ts'
import { isMetaservice, listClients, methodList } from './metaservices.ts'
import {
  encodeIdentifier,
  parseClientHeader,
  parseR1Url,
  type R1Service,
  type R1Target,
} from './r1Url.ts'
import {
  answerHeaders,
  headerLines,
  lastValue,
  providerHeaders,
  type HeaderLines,
} from './messageHeaders.ts'
import { requestHash, requestHeaderPart } from './requestHash.ts'
import {
  ServiceRegistry,
  type MemberRegistration,
  type RegisteredService,
  type ServiceRegistration,
} from './serviceRegistry.ts'
import { XRoadFault, type XRoadFaultBody } from './xroadErrors.ts'

/** What one security server serves. */
export interface SecurityServerOptions {
  /** The X-Road instance it belongs to, e.g. `ee-dev`. */
  instance: string
  services: readonly ServiceRegistration[]
  /** Nothing is allowed unless a right says so. */
  accessRights: readonly AccessRight[]
  /** Members and subsystems for listClients. */
  members?: readonly MemberRegistration[]
  log: Logger
  /** Largest request body forwarded, in bytes (default 10 MiB). */
  bodyLimit?: number
  /** Largest provider answer passed back, in bytes (default 10 MiB). */
  maxResponseBytes?: number
  /** How long a provider may take to answer (default 20 s). */
  timeoutMs?: number
  /**
   * Security servers of federated instances. A call for their services
   * from this server's own clients is passed on to them.
   */
  federation?: FederatedInstances
  /** Where every exchange is recorded; nothing is recorded without it. */
  messageLog?: MessageLogWriter
}

const MiB = 1024 * 1024

/** The X-Road message a request carries, as far as it has been read. */
interface Exchange {
  requestId: string
  xRoadId: string
  lines: HeaderLines
  client?: XRoadClientId
  service?: R1Service
  target?: R1Target
  outcome?: ExchangeOutcome
  requestHash?: string
  /** Set once the exchange is in the message log. */
  recorded?: boolean
}

function describeService(service: R1Service): string {
  return encodeIdentifier([
    service.instance,
    service.memberClass,
    service.memberCode,
    service.subsystemCode,
    service.serviceCode,
  ])
}

function describeClient(client: XRoadClientId): string {
  return encodeIdentifier([
    client.instance,
    client.memberClass,
    client.memberCode,
    client.subsystemCode,
  ])
}

/**
 * A security server for one X-Road instance speaking the REST protocol r1
 * (PR-REST) to its clients and providers alike: it reads the service from
 * the URL and the client from `X-Road-Client`, enforces access rights,
 * forwards the call to the provider and answers with the provider's status
 * and body plus the X-Road response headers, including the request hash.
 * It also answers the REST metaservices (PR-MREST) and listClients.
 *
 * A call for a service of a federated instance, from one of this
 * server's own clients, is passed on to that instance's security server,
 * which enforces its own access rights. With `messageLog`, every exchange
 * is recorded before the answer leaves.
 *
 * Limitation: the sandbox trusts the `X-Road-Client` header, and a
 * federated server trusts the calling server's word for its client. A
 * real security server authenticates the client information system and
 * the other security server (TLS) and signs every message.
 */
export function buildSecurityServer(
  options: SecurityServerOptions,
): FastifyInstance {
  const registry = new ServiceRegistry(options.services)
  const rights = new AccessRights(options.accessRights)
  const bodyLimit = options.bodyLimit ?? 10 * MiB
  const maxResponseBytes = options.maxResponseBytes ?? 10 * MiB
  const timeoutMs = options.timeoutMs ?? 20_000
  const agent = new http.Agent({ keepAlive: true })

  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit,
    exposeHeadRoutes: false,
    // A URL the router cannot decode is the client's fault (PR-REST 4.2).
    // Such an answer skips the onSend hooks, so it is recorded here.
    frameworkErrors: (_error, request, reply) => {
      const fault = new XRoadFault(
        'BAD_REQUEST',
        'The URL is not percent-encoded UTF-8.',
      )
      recordExchange(request, fault.status, fault.type).then(
        (failure) => sendFault(request, reply, failure ?? fault),
        () => undefined,
      )
    },
  })
  app.addHook('onClose', async () => agent.destroy())

  // Any payload is passed on untouched (PR-REST 3.1), so bodies stay bytes.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  )

  const exchanges = new WeakMap<FastifyRequest, Exchange>()
  const exchangeOf = (request: FastifyRequest): Exchange => {
    let exchange = exchanges.get(request)
    if (!exchange) {
      exchange = {
        requestId: request.id,
        xRoadId: randomUUID(),
        lines: headerLines(request),
      }
      exchanges.set(request, exchange)
    }
    return exchange
  }

  function logOutcome(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    outcome: ExchangeOutcome,
    faultType?: string,
  ): void {
    const exchange = exchangeOf(request)
    exchange.outcome = outcome
    if (!logsInfo(request.log)) return
    request.log.info(
      {
        requestId: exchange.requestId,
        xRoadId: redactPersonalCodes(exchange.xRoadId),
        client: exchange.client && formatClientId(exchange.client),
        service: exchange.service && describeService(exchange.service),
        method: request.method,
        path: redactPersonalCodes(exchange.target?.path ?? request.url),
        status,
        outcome: faultType ?? outcome,
        ms: Math.round(reply.elapsedTime),
      },
      'x-road request',
    )
  }

  function sendFault(
    request: FastifyRequest,
    reply: FastifyReply,
    fault: XRoadFault,
  ) {
    const body: XRoadFaultBody = {
      type: fault.type,
      message: fault.message,
      detail: exchangeOf(request).requestId,
    }
    logOutcome(request, reply, fault.status, 'fault', fault.type)
    return reply
      .code(fault.status)
      .header('x-road-error', fault.type)
      .type('application/json; charset=utf-8')
      .send(body)
  }

  /** The X-Road headers every answer to a served call carries. */
  function xroadHeaders(
    request: FastifyRequest,
    exchange: Exchange,
    forwarded: Record<string, string | undefined>,
  ): Record<string, string> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const headerPart = requestHeaderPart(request.method, request.url, forwarded)
    exchange.requestHash = requestHash(headerPart, body)
    return {
      'x-road-id': exchange.xRoadId,
      'x-road-client': exchange.client ? describeClient(exchange.client) : '',
      'x-road-service': exchange.service
        ? describeService(exchange.service)
        : '',
      'x-road-request-id': exchange.requestId,
      'x-road-request-hash': exchange.requestHash,
    }
  }

  async function serveMetaservice(
    request: FastifyRequest,
    reply: FastifyReply,
    exchange: Exchange,
    client: XRoadClientId,
    target: R1Target,
  ) {
    if (request.method !== 'GET') throw new XRoadFault('INVALID_HTTP_METHOD')
    const { service } = target
    const services = registry.ofSubsystem({
      instance: service.instance,
      memberClass: service.memberClass,
      memberCode: service.memberCode,
      subsystemCode: service.subsystemCode,
    })
    const forwarded = providerHeaders(exchange.lines, {
      client: describeClient(client),
      xRoadId: exchange.xRoadId,
    })
    let answer: unknown
    if (service.serviceCode === 'listMethods') {
      answer = methodList(services, (s) => s.endpoints)
    } else if (service.serviceCode === 'allowedMethods') {
      const caller = formatClientId(client)
      answer = methodList(services, (s) => rights.endpointsFor(caller, s.key))
    } else {
      answer = await openApiOf(target, services)
    }
    logOutcome(request, reply, 200, 'answered')
    return reply
      .headers(xroadHeaders(request, exchange, forwarded))
      .type('application/json; charset=utf-8')
      .send(answer)
  }

  /** getOpenAPI: the provider's description, with its address removed. */
  async function openApiOf(
    target: R1Target,
    services: RegisteredService[],
  ): Promise<unknown> {
    const code = new URLSearchParams(target.query ?? '').get('serviceCode')
    if (!code) {
      throw new XRoadFault('BAD_REQUEST', 'getOpenAPI needs ?serviceCode=.')
    }
    const service = services.find((s) => s.id.serviceCode === code)
    if (!service) throw new XRoadFault('UNKNOWN_SERVICE')
    if (!service.openApiPath) throw new XRoadFault('NOT_FOUND')

    const answer = await forwardToProvider({
      url: new URL(service.openApiPath, service.baseUrl),
      method: 'GET',
      headers: { accept: 'application/json' },
      body: Buffer.alloc(0),
      timeoutMs,
      maxResponseBytes,
      agent,
    })
    let description: unknown
    try {
      description = JSON.parse(answer.body.toString('utf8'))
    } catch {
      description = undefined
    }
    if (
      answer.status !== 200 ||
      typeof description !== 'object' ||
      !description
    ) {
      throw new XRoadFault(
        'SERVICE_FAILED',
        'The provider has no readable OpenAPI description.',
      )
    }
    // The provider's own address stays hidden behind the security server.
    const { servers: _servers, ...rest } = description as Record<
      string,
      unknown
    >
    return rest
  }

  async function serve(request: FastifyRequest, reply: FastifyReply) {
    const exchange = exchangeOf(request)
    const target = parseR1Url(request.url)
    exchange.target = target
    exchange.service = target.service
    const client = parseClientHeader(exchange.lines.get('x-road-client'))
    exchange.client = client
    exchange.xRoadId =
      lastValue(exchange.lines, 'x-road-id') ?? exchange.xRoadId
    if (client.instance !== options.instance) {
      exchange.requestId =
        federatedRequestId(lastValue(exchange.lines, 'x-road-request-id')) ??
        exchange.requestId
    }

    // Made only when needed: an error captures a stack, which is not free.
    const unknown = () =>
      new XRoadFault(
        'UNKNOWN_SERVICE',
        `Unknown service: ${describeService(target.service)}.`,
      )
    if (target.service.instance !== options.instance) {
      const peer = options.federation?.get(target.service.instance)
      if (!peer) throw unknown()
      return serveFederated(request, reply, exchange, client, peer)
    }
    if (isMetaservice(target.service.serviceCode) && target.path === '') {
      return serveMetaservice(request, reply, exchange, client, target)
    }

    const service = registry.find(target.service)
    if (!service) throw unknown()
    const caller = formatClientId(client)
    if (!rights.allows(caller, service.key, request.method, target.segments)) {
      throw new XRoadFault(
        'ACCESS_DENIED',
        `Request is not allowed: ${caller} may not call ${request.method} ` +
          `on this path of ${service.key}.`,
      )
    }

    const headers = providerHeaders(exchange.lines, {
      client: describeClient(client),
      xRoadId: exchange.xRoadId,
      service: describeService(target.service),
    })
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const url = new URL(service.baseUrl)
    url.pathname = url.pathname.replace(/\/$/, '') + (target.path || '/')
    url.search = target.query === null ? '' : `?${target.query}`
    if (body.length > 0) headers['content-length'] = String(body.length)

    const answer = await forwardToProvider({
      url,
      method: request.method,
      headers,
      body,
      timeoutMs,
      maxResponseBytes,
      agent,
    })
    logOutcome(request, reply, answer.status, 'forwarded')
    return reply
      .code(answer.status)
      .headers(answerHeaders(answer.headers))
      .headers(xroadHeaders(request, exchange, headers))
      .send(answer.body)
  }

  /** Passes a call on to the security server of a federated instance. */
  async function serveFederated(
    request: FastifyRequest,
    reply: FastifyReply,
    exchange: Exchange,
    client: XRoadClientId,
    peer: string,
  ) {
    // Only this server's own clients go out through it; a foreign client
    // goes through its own instance's security server.
    if (client.instance !== options.instance) {
      throw new XRoadFault(
        'ACCESS_DENIED',
        `${formatClientId(client)} is not a client of this security server.`,
      )
    }
    const headers = federationHeaders(exchange.lines, {
      client: describeClient(client),
      xRoadId: exchange.xRoadId,
      requestId: exchange.requestId,
    })
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    if (body.length > 0) headers['content-length'] = String(body.length)

    const answer = await forwardToProvider({
      url: new URL(request.url, peer),
      method: request.method,
      headers,
      body,
      timeoutMs,
      maxResponseBytes,
      agent,
    })
    const fault = answer.headers['x-road-error']
    logOutcome(
      request,
      reply,
      answer.status,
      typeof fault === 'string' ? 'fault' : 'federated',
      typeof fault === 'string' ? fault : undefined,
    )
    return reply
      .code(answer.status)
      .headers(federatedAnswerHeaders(answer.headers))
      .headers(xroadHeaders(request, exchange, headers))
      .send(answer.body)
  }

  app.get('/listClients', async (request, reply) => {
    const instance =
      new URLSearchParams(request.url.split('?')[1] ?? '').get(
        'xRoadInstance',
      ) ?? options.instance
    logOutcome(request, reply, 200, 'answered')
    return reply
      .type('application/json; charset=utf-8')
      .send(listClients(options.members ?? [], instance))
  })
  app.all('/*', serve)

  /**
   * Adds the exchange to the message log, once. Resolves to the fault to
   * answer instead when the log cannot take it: an exchange that cannot
   * be logged is not answered.
   */
  async function recordExchange(
    request: FastifyRequest,
    status: number,
    faultType: string | undefined,
  ): Promise<XRoadFault | undefined> {
    const exchange = exchangeOf(request)
    if (!options.messageLog || exchange.recorded) return undefined
    exchange.recorded = true
    try {
      await options.messageLog.append({
        xRoadId: exchange.xRoadId,
        requestId: exchange.requestId,
        client: exchange.client ? formatClientId(exchange.client) : null,
        service: exchange.service ? describeService(exchange.service) : null,
        method: request.method,
        path: exchange.target?.path ?? request.url.split('?')[0] ?? '',
        outcome: exchange.outcome ?? (faultType ? 'fault' : 'answered'),
        requestHash: exchange.requestHash ?? null,
        responseStatus: status,
        faultType: faultType ?? null,
      })
      return undefined
    } catch (err) {
      request.log.error({ err }, 'message log append failed')
      return new XRoadFault(
        'INTERNAL_ERROR',
        'The security server could not log the message.',
      )
    }
  }

  // Recorded before the answer leaves, so a client that has its answer
  // finds the exchange in the log.
  app.addHook('onSend', async (request, reply, payload) => {
    const fault = reply.getHeader('x-road-error')
    const failure = await recordExchange(
      request,
      reply.statusCode,
      typeof fault === 'string' ? fault : undefined,
    )
    if (!failure) return payload

    for (const name of Object.keys(reply.getHeaders())) {
      if (name.startsWith('x-road-')) reply.removeHeader(name)
    }
    reply
      .code(failure.status)
      .header('x-road-error', failure.type)
      .type('application/json; charset=utf-8')
    return JSON.stringify({
      type: failure.type,
      message: failure.message,
      detail: exchangeOf(request).requestId,
    } satisfies XRoadFaultBody)
  })

  app.setErrorHandler((error: FastifyError | XRoadFault, request, reply) => {
    if (error instanceof XRoadFault) return sendFault(request, reply, error)
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendFault(request, reply, new XRoadFault('BODY_TOO_LARGE'))
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendFault(request, reply, new XRoadFault('BAD_REQUEST'))
    }
    request.log.error({ err: error }, 'security server failed')
    return sendFault(request, reply, new XRoadFault('INTERNAL_ERROR'))
  })
  return app
}
