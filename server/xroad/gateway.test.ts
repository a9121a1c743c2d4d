import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PortalError } from '../errors.ts'
import { CircuitBreaker } from './circuitBreaker.ts'
import {
  createGateway,
  type GatewayOptions,
  type XRoadRequest,
} from './gateway.ts'

const CLIENT = 'ee-dev/GOV/70000001/citizen-portal'
const SERVICE = 'ee-dev/GOV/70008440/population/persons'
const OTHER_SERVICE = 'ee-dev/GOV/70000002/echo/echo'
const CODE = '60001019906'
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

type Answer = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown> | unknown

/** What the stand-in security server saw of one request. */
interface Seen {
  method: string
  url: string
  headers: FastifyRequest['headers']
  body: unknown
}

/** Sets the headers a security server answers a served call with. */
function xroadHeaders(reply: FastifyReply, request: FastifyRequest) {
  return reply
    .header('x-road-id', request.headers['x-road-id'])
    .header('x-road-request-id', 'req-1')
}

/** Answers like a security server that served the call. */
function served(
  reply: FastifyReply,
  request: FastifyRequest,
  status = 200,
  body: unknown = { ok: true },
) {
  return xroadHeaders(reply, request).code(status).send(body)
}

/** Answers with a security server's own fault. */
function fault(
  reply: FastifyReply,
  type: string,
  status = 500,
  message = 'The provider is down at 10.0.0.7 for person 60001019906',
) {
  return reply
    .code(status)
    .header('x-road-error', type)
    .send({ type, message, detail: 'detail-123' })
}

/** Breaks the connection without answering. */
function reset(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack()
  request.raw.socket.destroy()
}

const standIn = Fastify({ forceCloseConnections: true })
const seen: Seen[] = []
let answer: Answer = (request, reply) => served(reply, request)
let baseUrl = ''
let closedUrl = ''

standIn.all('/r1/*', async (request, reply) => {
  seen.push({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body,
  })
  return answer(request, reply)
})

beforeAll(async () => {
  baseUrl = await standIn.listen({ port: 0, host: '127.0.0.1' })
  const closed = Fastify()
  closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' })
  await closed.close()
})
afterAll(() => standIn.close())
beforeEach(() => {
  seen.length = 0
  answer = (request, reply) => served(reply, request)
})

function capture() {
  const lines: Record<string, unknown>[] = []
  const log = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line)) },
  )
  return { log, lines, text: () => JSON.stringify(lines) }
}

function gateway(overrides: Partial<GatewayOptions> = {}) {
  const pauses: number[] = []
  const { log, lines, text } = capture()
  const subject = createGateway({
    securityServerUrl: baseUrl,
    client: CLIENT,
    log,
    sleep: async (ms) => pauses.push(ms),
    ...overrides,
  })
  return { subject, pauses, lines, text }
}

const get = (extra: Partial<XRoadRequest> = {}): XRoadRequest => ({
  service: SERVICE,
  method: 'GET',
  path: `/${CODE}`,
  userId: `EE${CODE}`,
  issue: 'PERSONAL_DATA_VIEW',
  ...extra,
})

async function failure(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(
    () => new Error('the call succeeded'),
    (err: unknown) => err,
  )
  if (!(error instanceof PortalError)) throw error
  return error
}

describe('the X-Road gateway request', () => {
  it('goes to the r1 path with each identifier part encoded on its own', async () => {
    const { subject } = gateway()
    await subject.send(
      get({ service: 'ee-dev/GOV/70008440/pop=1/find?x', path: '/a' }),
    )
    expect(seen[0]?.url).toBe('/r1/ee-dev/GOV/70008440/pop%3D1/find%3Fx/a')
  })

  it('carries the client, a fresh message id, the citizen and the purpose', async () => {
    const { subject } = gateway()
    await subject.send(get({ issue: 'DOCUMENTS_VIEW:CASE-42' }))
    await subject.send(get())
    const [first, second] = seen.map((s) => s.headers)
    expect(first?.['x-road-client']).toBe(CLIENT)
    expect(first?.['x-road-userid']).toBe(`EE${CODE}`)
    expect(first?.['x-road-issue']).toBe('DOCUMENTS_VIEW:CASE-42')
    expect(first?.accept).toBe('application/json')
    expect(first?.['x-road-id']).toMatch(UUID)
    expect(second?.['x-road-id']).toMatch(UUID)
    expect(second?.['x-road-id']).not.toBe(first?.['x-road-id'])
  })

  it('sends a JSON body and the query', async () => {
    const { subject } = gateway()
    await subject.send(
      get({ method: 'POST', body: { a: 1 }, query: { lang: 'et' } }),
    )
    expect(seen[0]?.method).toBe('POST')
    expect(seen[0]?.url).toContain('?lang=et')
    expect(seen[0]?.headers['content-type']).toBe('application/json')
    expect(seen[0]?.body).toEqual({ a: 1 })
  })

  it('refuses a purpose that is not ASCII before anything is sent', async () => {
    const { subject, lines } = gateway()
    const error = await failure(subject.send(get({ issue: 'VAATA:jõud' })))
    expect(error.code).toBe('XROAD_CLIENT_FAULT')
    expect(error.statusCode).toBe(500)
    expect(seen).toHaveLength(0)
    expect(lines.some((l) => l.level === 50)).toBe(true)
  })

  it('refuses a malformed service id as the portal’s own bug', async () => {
    const { subject } = gateway()
    const error = await failure(subject.send(get({ service: 'ee-dev/GOV' })))
    expect(error.code).toBe('XROAD_CLIENT_FAULT')
    expect(seen).toHaveLength(0)
  })
})

describe('the X-Road gateway answer', () => {
  it('passes the provider’s body, status, message id and request id on', async () => {
    const { subject } = gateway()
    const answer = await subject.send(get())
    expect(answer).toEqual({
      status: 200,
      body: { ok: true },
      messageId: seen[0]?.headers['x-road-id'],
      requestId: 'req-1',
    })
  })

  it.each([404, 500])(
    'passes a provider’s own %i without X-Road-Error on to the module',
    async (status) => {
      answer = (request, reply) =>
        served(reply, request, status, { problem: 'register says no' })
      const { subject } = gateway()
      const result = await subject.send(get())
      expect(result.status).toBe(status)
      expect(result.body).toEqual({ problem: 'register says no' })
      expect(seen).toHaveLength(1)
    },
  )

  it('refuses an answer without the X-Road message id', async () => {
    answer = (_request, reply) =>
      reply.header('x-road-request-id', 'r').send({})
    const error = await failure(gateway().subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
  })

  it('refuses an answer to another message', async () => {
    answer = (_request, reply) =>
      reply
        .header('x-road-id', '00000000-0000-4000-8000-000000000000')
        .header('x-road-request-id', 'r')
        .send({})
    const error = await failure(gateway().subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
  })

  it('refuses an answer without a request id', async () => {
    answer = (request, reply) =>
      reply.header('x-road-id', request.headers['x-road-id']).send({})
    const error = await failure(gateway().subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
  })

  it('refuses an answer that is not JSON', async () => {
    answer = (request, reply) =>
      xroadHeaders(reply, request).type('application/json').send('{"half": ')
    const error = await failure(gateway().subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
    expect(error.statusCode).toBe(502)
  })

  it('reads a plain-text answer as text when asked for text', async () => {
    answer = (request, reply) =>
      xroadHeaders(reply, request)
        .type('text/plain; charset=utf-8')
        .send('origin\n5\nroot=\n\n— log sig\n')
    const result = await gateway().subject.send(get({ accept: 'text' }))
    expect(result.body).toBe('origin\n5\nroot=\n\n— log sig\n')
    expect(seen.at(-1)?.headers.accept).toBe('text/plain')
  })

  it('refuses an answer that announces more than the cap', async () => {
    answer = (request, reply) =>
      served(reply, request, 200, { text: 'x'.repeat(5000) })
    const { subject } = gateway({ maxResponseBytes: 1000 })
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
  })

  it('stops reading an endless answer once it passes the cap', async () => {
    let sent = 0
    answer = (request, reply) => {
      const endless = new Readable({
        read() {
          sent += 16_384
          this.push('x'.repeat(16_384))
        },
      })
      return xroadHeaders(reply, request).type('application/json').send(endless)
    }
    const { subject } = gateway({ maxResponseBytes: 100_000, timeoutMs: 5000 })
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_BAD_RESPONSE')
    expect(sent).toBeLessThan(50_000_000)
  })

  it('gives up with its own timeout on a slow answer', async () => {
    answer = async (request, reply) => {
      await sleep(2000)
      return served(reply, request)
    }
    const { subject } = gateway({ timeoutMs: 150 })
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_TIMEOUT')
    expect(error.statusCode).toBe(504)
    expect(seen).toHaveLength(1)
  })

  it('uses the timeout the service declares over the default', async () => {
    answer = async (request, reply) => {
      await sleep(2000)
      return served(reply, request)
    }
    const { subject } = gateway({ timeoutMs: 10_000 })
    const error = await failure(subject.send(get({ timeoutMs: 150 })))
    expect(error.code).toBe('XROAD_TIMEOUT')
  })

  it('reports a security server that refuses connections as unreachable', async () => {
    const { subject, pauses } = gateway({ securityServerUrl: closedUrl })
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_UNAVAILABLE')
    expect(error.statusCode).toBe(502)
    expect(pauses).toEqual([100, 200])
  })
})

describe('the X-Road gateway with security server faults', () => {
  it.each([
    ['Server.ServerProxy.AccessDenied', 403, 'XROAD_ACCESS_DENIED', 502],
    ['server.serverproxy.access_denied', 403, 'XROAD_ACCESS_DENIED', 502],
    ['Server.ServerProxy.UnknownService', 404, 'XROAD_UNKNOWN_SERVICE', 502],
    ['SERVER.SERVERPROXY.UNKNOWN_SERVICE', 404, 'XROAD_UNKNOWN_SERVICE', 502],
    ['Server.ServerProxy.NetworkError', 500, 'XROAD_UNAVAILABLE', 502],
    ['server.serverproxy.network_error', 500, 'XROAD_UNAVAILABLE', 502],
    ['Server.ServerProxy.ServiceFailed', 500, 'XROAD_SERVICE_FAILED', 502],
    ['server.serverproxy.service_failed', 500, 'XROAD_SERVICE_FAILED', 502],
    ['Server.ServerProxy.InternalError', 500, 'XROAD_UNAVAILABLE', 502],
    ['Server.ServerProxy.NotFound', 404, 'XROAD_UNAVAILABLE', 502],
    ['Client.BadRequest', 400, 'XROAD_CLIENT_FAULT', 500],
    ['client.bad_request', 413, 'XROAD_CLIENT_FAULT', 500],
    ['Client.InvalidProtocolVersion', 400, 'XROAD_CLIENT_FAULT', 500],
    ['Client.InvalidHttpMethod', 405, 'XROAD_CLIENT_FAULT', 500],
  ])(
    'turn %s (%i) into %s with status %i',
    async (type, status, code, portalStatus) => {
      answer = (_request, reply) => fault(reply, type, status)
      const { subject } = gateway({ retries: 0 })
      const error = await failure(subject.send(get()))
      expect(error.code).toBe(code)
      expect(error.statusCode).toBe(portalStatus)
    },
  )

  it('reads the type from the header when the fault body is garbage', async () => {
    answer = (_request, reply) =>
      reply
        .code(500)
        .header('x-road-error', 'Server.ServerProxy.ServiceFailed')
        .type('text/html')
        .send('<h1>oops</h1>')
    const error = await failure(gateway().subject.send(get()))
    expect(error.code).toBe('XROAD_SERVICE_FAILED')
  })

  it('logs the fault but keeps it out of the error the citizen gets', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.ServiceFailed')
    const { subject, lines, text } = gateway()
    const error = await failure(subject.send(get()))
    expect(JSON.stringify(error)).not.toContain('10.0.0.7')
    expect(error.message).not.toContain('10.0.0.7')
    const logged = lines.find((l) => l.fault !== undefined)
    expect(logged?.fault).toMatchObject({
      type: 'Server.ServerProxy.ServiceFailed',
      detail: 'detail-123',
    })
    expect(text()).toContain('10.0.0.7')
    expect(text()).not.toContain(CODE)
  })

  it('logs a client fault loudly, as the portal’s own bug', async () => {
    answer = (_request, reply) => fault(reply, 'Client.BadRequest', 400)
    const { subject, lines } = gateway()
    await failure(subject.send(get()))
    expect(lines.find((l) => l.level === 50)?.code).toBe('XROAD_CLIENT_FAULT')
  })
})

describe('the X-Road gateway retries', () => {
  it('repeat a GET after the connection was reset', async () => {
    answer = (request, reply) =>
      seen.length === 1 ? reset(request, reply) : served(reply, request)
    const { subject } = gateway()
    const result = await subject.send(get())
    expect(result.status).toBe(200)
    expect(seen).toHaveLength(2)
    expect(seen[1]?.headers['x-road-id']).not.toBe(
      seen[0]?.headers['x-road-id'],
    )
    expect(result.messageId).toBe(seen[1]?.headers['x-road-id'])
  })

  it('never repeat a POST after the connection was reset', async () => {
    answer = (request, reply) => reset(request, reply)
    const { subject, pauses } = gateway()
    const error = await failure(
      subject.send(get({ method: 'POST', body: { amount: 1 } })),
    )
    expect(error.code).toBe('XROAD_UNAVAILABLE')
    expect(seen).toHaveLength(1)
    expect(pauses).toEqual([])
  })

  it('repeat a GET a bounded number of times with growing pauses', async () => {
    answer = (request, reply) => reset(request, reply)
    const { subject, pauses } = gateway({ retries: 3, backoffMs: 50 })
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_UNAVAILABLE')
    expect(seen).toHaveLength(4)
    expect(pauses).toEqual([50, 100, 200])
  })

  it('repeat a GET when the provider could not be reached', async () => {
    answer = (request, reply) =>
      seen.length < 3
        ? fault(reply, 'Server.ServerProxy.NetworkError')
        : served(reply, request)
    const result = await gateway().subject.send(get())
    expect(result.status).toBe(200)
    expect(seen).toHaveLength(3)
  })

  it('do not repeat a call that failed at the provider or timed out', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.ServiceFailed')
    await failure(gateway().subject.send(get()))
    expect(seen).toHaveLength(1)

    seen.length = 0
    answer = async (request, reply) => {
      await sleep(1000)
      return served(reply, request)
    }
    await failure(gateway({ timeoutMs: 100 }).subject.send(get()))
    expect(seen).toHaveLength(1)
  })

  it('do not pause beyond the timeout', async () => {
    answer = (request, reply) => reset(request, reply)
    const { subject, pauses } = gateway({ backoffMs: 60_000 })
    await failure(subject.send(get()))
    expect(seen).toHaveLength(1)
    expect(pauses).toEqual([])
  })
})

describe('the X-Road gateway circuit breaker', () => {
  function tripped() {
    const clock = { now: 0 }
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      coolDownMs: 30_000,
      now: () => clock.now,
    })
    return { clock, ...gateway({ breaker, retries: 0 }) }
  }

  it('fails fast once a provider failed repeatedly', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.NetworkError')
    const { subject, clock } = tripped()
    await failure(subject.send(get()))
    await failure(subject.send(get()))
    expect(seen).toHaveLength(2)

    clock.now = 1000
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_CIRCUIT_OPEN')
    expect(error.statusCode).toBe(503)
    expect(error.headers?.['retry-after']).toBe('29')
    expect(seen).toHaveLength(2)
  })

  it('keeps calling other providers while one circuit is open', async () => {
    answer = (request, reply) =>
      request.url.includes('population')
        ? fault(reply, 'Server.ServerProxy.ServiceFailed')
        : served(reply, request)
    const { subject } = tripped()
    await failure(subject.send(get()))
    await failure(subject.send(get()))
    const other = await subject.send(get({ service: OTHER_SERVICE }))
    expect(other.status).toBe(200)
    const error = await failure(subject.send(get()))
    expect(error.code).toBe('XROAD_CIRCUIT_OPEN')
  })

  it('counts timeouts and unreachable security servers as failures', async () => {
    const clock = { now: 0 }
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      now: () => clock.now,
    })
    answer = async (request, reply) => {
      await sleep(1000)
      return served(reply, request)
    }
    await failure(gateway({ breaker, timeoutMs: 100 }).subject.send(get()))
    await failure(
      gateway({ breaker, securityServerUrl: closedUrl }).subject.send(get()),
    )
    expect(breaker.state('ee-dev/GOV/70008440/population')).toBe('open')
  })

  it('does not open for refusals that say nothing about the provider’s health', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.AccessDenied', 403)
    const { subject } = tripped()
    for (let i = 0; i < 4; i++) await failure(subject.send(get()))
    answer = (request, reply) => served(reply, request, 500, {})
    for (let i = 0; i < 4; i++) await subject.send(get())
    expect(seen).toHaveLength(8)
  })

  it('half-opens after the cool-down and closes when the trial succeeds', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.ServiceFailed')
    const { subject, clock } = tripped()
    await failure(subject.send(get()))
    await failure(subject.send(get()))

    clock.now = 30_000
    answer = (request, reply) => served(reply, request)
    expect((await subject.send(get())).status).toBe(200)
    expect((await subject.send(get())).status).toBe(200)
    expect(seen).toHaveLength(4)
  })

  it('opens again when the trial call fails', async () => {
    answer = (_request, reply) =>
      fault(reply, 'Server.ServerProxy.ServiceFailed')
    const { subject, clock } = tripped()
    await failure(subject.send(get()))
    await failure(subject.send(get()))

    clock.now = 30_000
    expect((await failure(subject.send(get()))).code).toBe(
      'XROAD_SERVICE_FAILED',
    )
    expect((await failure(subject.send(get()))).code).toBe('XROAD_CIRCUIT_OPEN')
    expect(seen).toHaveLength(3)
  })
})

describe('the X-Road gateway log', () => {
  it('records message id, service, status and duration of each call', async () => {
    const { subject, lines } = gateway()
    const result = await subject.send(get())
    const call = lines.find((l) => l.msg === 'x-road call')
    expect(call).toMatchObject({
      xroadMessageId: result.messageId,
      service: SERVICE,
      method: 'GET',
      status: 200,
      attempt: 1,
    })
    expect(typeof call?.durationMs).toBe('number')
  })

  it('never records the body or a personal code', async () => {
    answer = (request, reply) =>
      served(reply, request, 200, { givenName: 'MARY ÄNN', code: CODE })
    const { subject, text } = gateway()
    await subject.send(get({ query: { userCode: `EE${CODE}` } }))
    expect(text()).not.toContain(CODE)
    expect(text()).not.toContain('MARY')
    expect(text()).toContain('/***')
  })

  it('records each attempt of a repeated call', async () => {
    answer = (request, reply) =>
      seen.length === 1 ? reset(request, reply) : served(reply, request)
    const { subject, lines } = gateway()
    await subject.send(get())
    const attempts = lines.filter((l) => typeof l.attempt === 'number')
    expect(attempts.map((l) => [l.attempt, l.status])).toEqual([
      [1, 'network-error'],
      [2, 200],
    ])
  })
})
