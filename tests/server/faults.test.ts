import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadModule } from '../../server/catalog/discover.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { CircuitBreaker } from '../../server/xroad/circuitBreaker.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import { startSandbox, type Sandbox } from '../../sandbox/start.ts'
import { citizenSession } from '../support/citizenSession.ts'
import { testApp } from '../support/testApp.ts'

/**
 * A register that misbehaves, seen through the real portal, both real
 * service modules and the real sandbox security server. A proxy stands
 * between the portal's gateway and the security server: it forwards
 * every call, except that calls for documents (`/persons/{code}/documents`)
 * meet the fault a test chooses. Both modules use the same register, so
 * the personal-data module shows the rest of X-Road still working.
 */

const PORTAL_CLIENT = 'ee-dev/GOV/70000001/citizen-portal'
const MARY = '60001019906'
const TIMEOUT_MS = 400

type Fault = 'none' | 'down' | 'reset' | 'slow' | 'garbage'

let fault: Fault = 'none'
let documentCalls = 0
let database: PortalDatabase
let sandbox: Sandbox
let app: FastifyInstance
let proxy: http.Server
let cookies: Record<string, string>
const clock = { now: 0 }

function forward(
  target: string,
  request: IncomingMessage,
  response: ServerResponse,
  garble = false,
) {
  const upstream = http.request(
    new URL(request.url ?? '/', target),
    { method: request.method, headers: request.headers },
    (answer) => {
      if (!garble) {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
        return
      }
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        const whole = Buffer.concat(chunks)
        const headers = { ...answer.headers }
        delete headers['content-length']
        response.writeHead(answer.statusCode ?? 502, headers)
        response.end(whole.subarray(0, Math.floor(whole.length / 2)))
      })
    },
  )
  upstream.on('error', () => response.destroy())
  request.pipe(upstream)
}

function misbehave(request: IncomingMessage, response: ServerResponse) {
  const target = sandbox.xroadEeUrl
  switch (fault) {
    case 'down':
      // What a security server answers when the register cannot be reached.
      response.writeHead(500, {
        'content-type': 'application/json',
        'x-road-error': 'Server.ServerProxy.NetworkError',
      })
      response.end(
        JSON.stringify({
          type: 'Server.ServerProxy.NetworkError',
          message: 'Connecting to the provider failed (ECONNREFUSED).',
          detail: 'proxy-1',
        }),
      )
      return
    case 'reset':
      request.socket.destroy()
      return
    case 'slow': {
      const timer = setTimeout(
        () => forward(target, request, response),
        TIMEOUT_MS * 10,
      )
      response.on('close', () => clearTimeout(timer))
      return
    }
    case 'garbage':
      forward(target, request, response, true)
      return
    case 'none':
      forward(target, request, response)
  }
}

async function documents() {
  return app.inject({ url: '/api/services/documents/documents', cookies })
}

async function personalData() {
  return app.inject({ url: '/api/services/personal-data/person', cookies })
}

beforeAll(async () => {
  const log = pino({ level: 'silent' })
  database = await openDatabase({ memory: true })
  await migrateToLatest(database.db)
  const modules = await Promise.all(
    ['personal-data', 'documents'].map((id) =>
      loadModule(
        new URL(`../../services-catalog/${id}`, import.meta.url).pathname,
      ),
    ),
  )
  sandbox = await startSandbox({
    db: database.db,
    ports: { xroadEe: 0, xroadFi: 0 },
    modules,
    portalClient: PORTAL_CLIENT,
    log,
  })

  proxy = http.createServer((request, response) => {
    if (request.url?.includes('/documents')) {
      documentCalls += 1
      misbehave(request, response)
    } else {
      forward(sandbox.xroadEeUrl, request, response)
    }
  })
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
  const { port } = proxy.address() as AddressInfo

  app = await testApp(database.db, {
    modules,
    sandbox: sandbox.residents,
    gateway: createGateway({
      securityServerUrl: `http://127.0.0.1:${port}`,
      client: PORTAL_CLIENT,
      log,
      timeoutMs: TIMEOUT_MS,
      backoffMs: 10,
      breaker: new CircuitBreaker({
        failureThreshold: 3,
        coolDownMs: 30_000,
        now: () => clock.now,
      }),
    }),
  })

  const mary = await sandbox.residents.find(MARY)
  if (!mary) throw new Error('Mary is missing from the sandbox')
  cookies = await citizenSession(database.db, mary)
})

afterAll(async () => {
  await app?.close()
  proxy?.closeAllConnections()
  await new Promise((done) => proxy?.close(done))
  await sandbox?.close()
  await database?.close()
})

beforeEach(() => {
  fault = 'none'
  documentCalls = 0
})

describe('a register that misbehaves for one service module', () => {
  it('leaves both modules working while it behaves', async () => {
    expect((await documents()).statusCode).toBe(200)
    expect((await personalData()).statusCode).toBe(200)
    expect(documentCalls).toBe(1)
  })

  it('answers that the register cannot be reached when it is down, after retrying', async () => {
    fault = 'down'
    const res = await documents()
    expect(res.statusCode).toBe(502)
    expect(res.json().error.code).toBe('XROAD_UNAVAILABLE')
    expect(res.body).not.toContain('ECONNREFUSED')
    expect(res.body).not.toContain('NetworkError')
    expect(documentCalls).toBe(3)

    expect((await personalData()).statusCode).toBe(200)
  })

  it('answers that the register cannot be reached when the connection breaks', async () => {
    fault = 'reset'
    const res = await documents()
    expect(res.statusCode).toBe(502)
    expect(res.json().error.code).toBe('XROAD_UNAVAILABLE')
    expect((await personalData()).statusCode).toBe(200)
  })

  it('answers a timeout when the register is slower than its timeout, without holding up the other module', async () => {
    fault = 'slow'
    const order: string[] = []
    const slow = documents().then((res) => {
      order.push('documents')
      return res
    })
    const fast = personalData().then((res) => {
      order.push('personal-data')
      return res
    })
    const [documentsRes, personalRes] = await Promise.all([slow, fast])

    expect(personalRes.statusCode).toBe(200)
    expect(documentsRes.statusCode).toBe(504)
    expect(documentsRes.json().error.code).toBe('XROAD_TIMEOUT')
    expect(order).toEqual(['personal-data', 'documents'])
    expect(documentCalls).toBe(1)
  })

  it('answers that the register’s answer cannot be read when it is garbage', async () => {
    fault = 'garbage'
    const res = await documents()
    expect(res.statusCode).toBe(502)
    expect(res.json().error.code).toBe('XROAD_BAD_RESPONSE')
    expect((await personalData()).statusCode).toBe(200)
  })

  it('stops calling a register that keeps failing, then tries again after the cool-down', async () => {
    fault = 'down'
    for (let i = 0; i < 3; i++) {
      expect((await documents()).json().error.code).toBe('XROAD_UNAVAILABLE')
    }
    const calls = documentCalls

    const open = await documents()
    expect(open.statusCode).toBe(503)
    expect(open.json().error.code).toBe('XROAD_CIRCUIT_OPEN')
    expect(open.headers['retry-after']).toBeDefined()
    expect(documentCalls).toBe(calls)

    fault = 'none'
    clock.now += 30_000
    expect((await documents()).statusCode).toBe(200)
    expect((await personalData()).statusCode).toBe(200)
  })
})
