import http from 'node:http'
import { sha512 } from '@noble/hashes/sha2.js'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freePort } from '../../server/freePort.ts'
import { buildSecurityServer } from './securityServer.ts'

const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const OTHER = 'ee-dev/COM/12345678/other'
const PERSONS = 'ee-dev/GOV/70008440/population/persons'
const SLOW = 'ee-dev/GOV/70008440/population/slow'
const UNICODE = 'ee-dev/GOV/70008440/rahvastik/isik+(a),b'
const DEAD = 'ee-dev/GOV/70000009/dead/gone'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const PROVIDER_OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Echo', version: '1' },
  servers: [{ url: 'http://127.0.0.1:1/internal' }],
  paths: {
    '/records/{code}': { get: {} },
    '/echo/{any}': { get: {}, post: {} },
  },
}

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json<T = Record<string, unknown>>(): T
}

interface Echo {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

let provider: FastifyInstance
let securityServer: FastifyInstance
let base: string
let providerHits = 0
const logLines: string[] = []

/** A provider that answers with what it received. */
async function startEchoProvider(): Promise<string> {
  provider = Fastify()
  provider.removeAllContentTypeParsers()
  provider.addContentTypeParser('*', { parseAs: 'buffer' }, (_r, body, done) =>
    done(null, body),
  )
  provider.addHook('onRequest', async () => {
    providerHits++
  })
  provider.get('/openapi.json', async () => PROVIDER_OPENAPI)
  provider.get('/error', async (_request, reply) =>
    reply
      .code(404)
      .header('x-road-error', 'Forged.ByProvider')
      .header('x-provider', 'kept')
      .send({ problem: 'no such pet' }),
  )
  provider.get('/slow', async () => {
    await new Promise((r) => setTimeout(r, 1_000))
    return { late: true }
  })
  provider.all('/*', async (request) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    return {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: body.toString('utf8'),
    }
  })
  await provider.listen({ port: 0, host: '127.0.0.1' })
  const address = provider.server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

/** Sends a request exactly as given: no URL normalisation, repeated headers. */
function call(
  path: string,
  options: {
    method?: string
    headers?: Record<string, string | string[]>
    body?: string | Buffer
    client?: string | null
  } = {},
): Promise<Answer> {
  const headers: Record<string, string | string[]> = { ...options.headers }
  if (options.client !== null)
    headers['x-road-client'] = options.client ?? PORTAL
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          })
        })
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

function expectFault(answer: Answer, status: number, type: string): void {
  expect(answer.status).toBe(status)
  expect(answer.headers['x-road-error']).toBe(type)
  expect(answer.headers['content-type']).toMatch(/^application\/json/)
  expect(answer.json()).toEqual({
    type,
    message: expect.any(String),
    detail: expect.stringMatching(UUID),
  })
}

beforeAll(async () => {
  const echo = await startEchoProvider()
  const deadPort = await freePort()
  securityServer = buildSecurityServer({
    instance: 'ee-dev',
    services: [
      {
        id: PERSONS,
        baseUrl: echo,
        openApiPath: '/openapi.json',
        endpoints: [{ method: 'GET', path: '/records/*' }],
      },
      { id: SLOW, baseUrl: echo },
      { id: UNICODE, baseUrl: `${echo}/base` },
      { id: DEAD, baseUrl: `http://127.0.0.1:${deadPort}` },
    ],
    accessRights: [
      {
        client: PORTAL,
        service: PERSONS,
        methods: ['GET'],
        path: '/records/*',
      },
      {
        client: PORTAL,
        service: PERSONS,
        methods: ['GET', 'POST'],
        path: '/echo/**',
      },
      { client: PORTAL, service: PERSONS, methods: ['GET'], path: '/error' },
      { client: PORTAL, service: SLOW, methods: ['GET'], path: '/slow' },
      { client: PORTAL, service: UNICODE, methods: ['*'], path: '/**' },
      { client: PORTAL, service: DEAD, methods: ['GET'], path: '/**' },
    ],
    members: [
      { id: 'ee-dev/GOV/70008440', name: 'Siseministeerium' },
      { id: 'ee-dev/GOV/70008440/population', name: 'Siseministeerium' },
      { id: PORTAL, name: 'Citizen Portal' },
    ],
    log: pino(
      { level: 'info' },
      { write: (line: string) => logLines.push(line) },
    ),
    bodyLimit: 4096,
    timeoutMs: 300,
  })
  await securityServer.listen({ port: 0, host: '127.0.0.1' })
  const address = securityServer.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})

afterAll(async () => {
  await securityServer.close()
  await provider.close()
})

beforeEach(() => {
  providerHits = 0
})

describe('the security server forwarding a call', () => {
  it('passes method, path below the service, query, body and headers to the provider, naming the service itself', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/a/b?x=1&y=%C3%A4',
      {
        method: 'POST',
        headers: {
          'x-road-id': 'message-1',
          'x-road-userid': 'EE60001019906',
          'x-road-issue': 'PERSONAL_DATA_VIEW',
          'x-road-service': 'ee-dev/GOV/70000009/forged/service',
          'content-type': 'application/json',
          accept: 'application/json',
          'x-custom': 'kept',
        },
        body: '{"note":"ä"}',
      },
    )
    expect(answer.status).toBe(200)
    const echo = answer.json<Echo>()
    expect(echo.method).toBe('POST')
    expect(echo.url).toBe('/echo/a/b?x=1&y=%C3%A4')
    expect(echo.body).toBe('{"note":"ä"}')
    expect(echo.headers).toMatchObject({
      'x-road-client': PORTAL,
      'x-road-id': 'message-1',
      'x-road-userid': 'EE60001019906',
      'x-road-issue': 'PERSONAL_DATA_VIEW',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-custom': 'kept',
    })
    expect(echo.headers).not.toHaveProperty('x-road-request-hash')
    expect(echo.headers['x-road-service']).toBe(PERSONS)

    expect(answer.headers['x-road-id']).toBe('message-1')
    expect(answer.headers['x-road-client']).toBe(PORTAL)
    expect(answer.headers['x-road-service']).toBe(PERSONS)
    expect(answer.headers['x-road-request-id']).toMatch(UUID)
    expect(answer.headers['x-road-error']).toBeUndefined()
  })

  it('makes up an X-Road-Id and asks for JSON when the client did not', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/x',
    )
    const id = answer.headers['x-road-id']
    expect(id).toMatch(UUID)
    const echo = answer.json<Echo>()
    expect(echo.headers['x-road-id']).toBe(id)
    expect(echo.headers.accept).toBe('application/json')
  })

  it('gives each request its own request id', async () => {
    const path = '/r1/ee-dev/GOV/70008440/population/persons/echo/x'
    const [a, b] = await Promise.all([call(path), call(path)])
    expect(a?.headers['x-road-request-id']).not.toBe(
      b?.headers['x-road-request-id'],
    )
  })

  it('passes a provider’s own error through, without X-Road-Error', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/error',
    )
    expect(answer.status).toBe(404)
    expect(answer.json()).toEqual({ problem: 'no such pet' })
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.headers['x-provider']).toBe('kept')
    expect(answer.headers['x-road-error']).toBeUndefined()
    expect(answer.headers['x-road-id']).toMatch(UUID)
  })
})

describe('the request hash', () => {
  // PR-REST 4.3: base64(SHA512(SHA512(headers) + SHA512(body))), or
  // base64(SHA512(headers)) without a body. The header part is the method,
  // the request target and the X-Road headers, each line ending in CRLF.
  function headerPart(lines: string[]): Uint8Array {
    return new TextEncoder().encode(lines.map((l) => `${l}\r\n`).join(''))
  }
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

  it('covers the header part and the body of a request', async () => {
    const target = '/r1/ee-dev/GOV/70008440/population/persons/echo/h?q=1'
    const body = '{"amount":5}'
    const answer = await call(target, {
      method: 'POST',
      headers: {
        'x-road-id': 'hash-1',
        'x-road-userid': 'EE38001085718',
        'x-road-issue': 'TEST',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body,
    })
    const headers = headerPart([
      'POST',
      target,
      `x-road-client: ${PORTAL}`,
      'x-road-id: hash-1',
      'x-road-userid: EE38001085718',
      'x-road-issue: TEST',
      'accept: application/json',
      'content-type: application/json',
    ])
    const joined = new Uint8Array(128)
    joined.set(sha512(headers), 0)
    joined.set(sha512(new TextEncoder().encode(body)), 64)
    expect(answer.headers['x-road-request-hash']).toBe(base64(sha512(joined)))
  })

  it('covers the header part alone when there is no body', async () => {
    const target =
      '/r1/ee-dev/GOV/70008440/population/persons/records/60001019906'
    const answer = await call(target)
    const id = String(answer.headers['x-road-id'])
    const headers = headerPart([
      'GET',
      target,
      `x-road-client: ${PORTAL}`,
      `x-road-id: ${id}`,
      'accept: application/json',
    ])
    expect(answer.headers['x-road-request-hash']).toBe(base64(sha512(headers)))
  })

  it('changes with the body', async () => {
    const send = (body: string) =>
      call('/r1/ee-dev/GOV/70008440/population/persons/echo/h', {
        method: 'POST',
        headers: { 'x-road-id': 'same', 'content-type': 'text/plain' },
        body,
      })
    const [a, b] = [await send('one'), await send('two')]
    expect(a.headers['x-road-request-hash']).not.toBe(
      b.headers['x-road-request-hash'],
    )
  })
})

describe('addressing', () => {
  it('percent-decodes each identifier part on its own', async () => {
    const answer = await call(
      '/r1/%65e-dev/GOV/70008440/rahvastik/isik%2B(a)%2Cb/x%20y/z',
    )
    expect(answer.status).toBe(200)
    expect(answer.json<Echo>().url).toBe('/base/x%20y/z')
    expect(answer.headers['x-road-service']).toBe(
      'ee-dev/GOV/70008440/rahvastik/isik+(a),b',
    )
  })

  it('refuses malformed service URLs with Client.BadRequest', async () => {
    for (const path of [
      '/r1/ee-dev/GOV/70008440/population',
      '/r1/ee-dev/GOV/70008440/population%2Fpersons/x',
      '/r1/ee-dev/GOV/7000%3B8440/population/persons',
      '/r1/ee-dev/GOV/%zz/population/persons',
      '/r1/ee-dev//70008440/population/persons',
      '/r1/ee-dev/GOV/70008440/population/persons/echo/../../admin',
      '/r1/ee-dev/GOV/70008440/population/persons/echo/%2E%2E/admin',
      '/r1/ee-dev/GOV/70008440/population/persons/echo/%zz',
      '/persons/60001019906',
      `/r1/ee-dev/GOV/70008440/population/persons/echo?q=${'x'.repeat(5000)}`,
    ]) {
      expectFault(await call(path), 400, 'Client.BadRequest')
    }
    expect(providerHits).toBe(0)
  })

  it('refuses another protocol version', async () => {
    const answer = await call('/r2/ee-dev/GOV/70008440/population/persons/1')
    expectFault(answer, 400, 'Client.InvalidProtocolVersion')
  })

  it('refuses a missing or malformed X-Road-Client header', async () => {
    const path = '/r1/ee-dev/GOV/70008440/population/persons/echo/x'
    for (const client of [
      null,
      'ee-dev/GOV',
      'ee-dev/GOV/700;01/x',
      'a/b/c/d/e',
      'ee-dev/GOV/%zz',
    ]) {
      expectFault(await call(path, { client }), 400, 'Client.BadRequest')
    }
    expect(providerHits).toBe(0)
  })

  it('reads a percent-encoded X-Road-Client header', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/x',
      {
        client: 'ee-dev/GOV/70000001/citizen%2Dportal',
      },
    )
    expect(answer.status).toBe(200)
    expect(answer.json<Echo>().headers['x-road-client']).toBe(PORTAL)
  })

  it('takes the last X-Road-Client header when there are several', async () => {
    const path = '/r1/ee-dev/GOV/70008440/population/persons/echo/x'
    const allowed = await call(path, {
      client: null,
      headers: { 'x-road-client': [OTHER, PORTAL] },
    })
    expect(allowed.status).toBe(200)
    const denied = await call(path, {
      client: null,
      headers: { 'x-road-client': [PORTAL, OTHER] },
    })
    expectFault(denied, 403, 'Server.ServerProxy.AccessDenied')
  })

  it('answers an unknown service with Server.ServerProxy.UnknownService', async () => {
    for (const path of [
      '/r1/ee-dev/GOV/70008440/population/nobody/1',
      '/r1/ee-dev/GOV/70008440/elsewhere/persons/1',
      '/r1/FI-TEST/GOV/70008440/population/persons/1',
    ]) {
      expectFault(await call(path), 404, 'Server.ServerProxy.UnknownService')
    }
  })
})

describe('access rights', () => {
  it('deny a client that has none', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/records/60001019906',
      {
        client: OTHER,
      },
    )
    expectFault(answer, 403, 'Server.ServerProxy.AccessDenied')
    expect(answer.text).not.toContain('60001019906')
    expect(providerHits).toBe(0)
  })

  it('deny a method the right does not list', async () => {
    const path =
      '/r1/ee-dev/GOV/70008440/population/persons/records/60001019906'
    expect((await call(path)).status).toBe(200)
    const post = await call(path, { method: 'POST', body: '{}' })
    expectFault(post, 403, 'Server.ServerProxy.AccessDenied')
    const del = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/x',
      {
        method: 'DELETE',
      },
    )
    expectFault(del, 403, 'Server.ServerProxy.AccessDenied')
  })

  it('deny paths outside the right’s glob', async () => {
    const service = '/r1/ee-dev/GOV/70008440/population/persons'
    for (const path of [
      '/60001019906',
      '',
      '/records',
      '/records/1/family',
      '/people/1',
    ]) {
      expectFault(
        await call(service + path),
        403,
        'Server.ServerProxy.AccessDenied',
      )
    }
    expect((await call(`${service}/records/1`)).status).toBe(200)
    expect((await call(`${service}/echo/a/b/c/d`)).status).toBe(200)
  })
})

describe('provider faults', () => {
  it('answer 500 Server.ServerProxy.NetworkError when the provider cannot be reached', async () => {
    const answer = await call('/r1/ee-dev/GOV/70000009/dead/gone/x')
    expectFault(answer, 500, 'Server.ServerProxy.NetworkError')
  })

  it('answer 500 Server.ServerProxy.ServiceFailed when the provider is too slow', async () => {
    const answer = await call('/r1/ee-dev/GOV/70008440/population/slow/slow')
    expectFault(answer, 500, 'Server.ServerProxy.ServiceFailed')
  })

  it('refuse a body over the limit before it reaches the provider', async () => {
    const answer = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/big',
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(8192, 1),
      },
    )
    expectFault(answer, 413, 'Client.BadRequest')
    expect(providerHits).toBe(0)
  })
})

describe('metaservices', () => {
  it('listMethods lists the subsystem’s services and endpoints', async () => {
    const answer = await call('/r1/ee-dev/GOV/70008440/population/listMethods')
    expect(answer.status).toBe(200)
    expect(answer.headers['x-road-request-hash']).toBeDefined()
    expect(answer.json()).toEqual({
      service: [
        {
          member_class: 'GOV',
          member_code: '70008440',
          object_type: 'SERVICE',
          service_code: 'persons',
          service_type: 'OPENAPI',
          subsystem_code: 'population',
          xroad_instance: 'ee-dev',
          endpoint_list: [{ method: 'GET', path: '/records/*' }],
        },
        {
          member_class: 'GOV',
          member_code: '70008440',
          object_type: 'SERVICE',
          service_code: 'slow',
          service_type: 'REST',
          subsystem_code: 'population',
          xroad_instance: 'ee-dev',
          endpoint_list: [{ method: '*', path: '**' }],
        },
      ],
    })
  })

  it('allowedMethods lists only what the calling client may call', async () => {
    const path = '/r1/ee-dev/GOV/70008440/population/allowedMethods'
    const portal = await call(path)
    const services = portal.json<{
      service: { service_code: string; endpoint_list: unknown[] }[]
    }>().service
    expect(services.map((s) => s.service_code)).toEqual(['persons', 'slow'])
    expect(services[0]?.endpoint_list).toEqual([
      { method: 'GET', path: '/records/*' },
      { method: 'GET', path: '/echo/**' },
      { method: 'POST', path: '/echo/**' },
      { method: 'GET', path: '/error' },
    ])
    expect((await call(path, { client: OTHER })).json()).toEqual({
      service: [],
    })
  })

  it('getOpenAPI returns the provider’s description without its address', async () => {
    const base = '/r1/ee-dev/GOV/70008440/population/getOpenAPI'
    const answer = await call(`${base}?serviceCode=persons`)
    expect(answer.status).toBe(200)
    const description = answer.json<{ servers?: unknown; paths: object }>()
    expect(description.paths).toEqual(PROVIDER_OPENAPI.paths)
    expect(description.servers).toBeUndefined()

    expectFault(
      await call(`${base}?serviceCode=slow`),
      404,
      'Server.ServerProxy.NotFound',
    )
    expectFault(
      await call(`${base}?serviceCode=nope`),
      404,
      'Server.ServerProxy.UnknownService',
    )
    expectFault(await call(base), 400, 'Client.BadRequest')
  })

  it('answer GET only and need a client', async () => {
    const path = '/r1/ee-dev/GOV/70008440/population/listMethods'
    expectFault(
      await call(path, { method: 'POST', body: '' }),
      405,
      'Client.InvalidHttpMethod',
    )
    expectFault(await call(path, { client: null }), 400, 'Client.BadRequest')
  })

  it('listClients lists the instance’s members and subsystems', async () => {
    const answer = await call('/listClients', { client: null })
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({
      member: [
        {
          id: {
            member_class: 'GOV',
            member_code: '70008440',
            object_type: 'MEMBER',
            xroad_instance: 'ee-dev',
          },
          name: 'Siseministeerium',
        },
        {
          id: {
            member_class: 'GOV',
            member_code: '70008440',
            subsystem_code: 'population',
            object_type: 'SUBSYSTEM',
            xroad_instance: 'ee-dev',
          },
          name: 'Siseministeerium',
        },
        {
          id: {
            member_class: 'GOV',
            member_code: '70000001',
            subsystem_code: 'citizen-portal',
            object_type: 'SUBSYSTEM',
            xroad_instance: 'ee-dev',
          },
          name: 'Citizen Portal',
        },
      ],
    })
    const other = await call('/listClients?xRoadInstance=FI-TEST', {
      client: null,
    })
    expect(other.json()).toEqual({ member: [] })
  })
})

describe('logging', () => {
  it('logs each call with its ids and outcome but no personal codes or bodies', async () => {
    logLines.length = 0
    await call(
      '/r1/ee-dev/GOV/70008440/population/persons/echo/60001019906?userCode=EE60001019906',
      {
        method: 'POST',
        headers: {
          'x-road-userid': 'EE60001019906',
          'x-road-id': 'log-1',
          'content-type': 'application/json',
        },
        body: '{"secret":"body-text-9"}',
      },
    )
    await call(
      '/r1/ee-dev/GOV/70008440/population/persons/records/60001019906',
      {
        client: OTHER,
      },
    )
    const text = logLines.join('')
    expect(text).not.toContain('60001019906')
    expect(text).not.toContain('body-text-9')

    const entries = logLines.map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    )
    const calls = entries.filter((e) => e.msg === 'x-road request')
    expect(calls).toHaveLength(2)
    expect(calls[0]).toMatchObject({
      xRoadId: 'log-1',
      client: PORTAL,
      service: PERSONS,
      method: 'POST',
      status: 200,
      outcome: 'forwarded',
      requestId: expect.stringMatching(UUID),
    })
    expect(String(calls[0]?.path)).toContain('***')
    expect(calls[1]).toMatchObject({
      status: 403,
      outcome: 'Server.ServerProxy.AccessDenied',
    })
  })
})

describe('the message log hook', () => {
  it('answers 500 Server.ServerProxy.InternalError when the log cannot take the exchange', async () => {
    const app = buildSecurityServer({
      instance: 'ee-dev',
      services: [],
      accessRights: [],
      members: [{ id: PORTAL, name: 'Citizen Portal' }],
      messageLog: { append: () => Promise.reject(new Error('disk full')) },
      log: pino({ level: 'silent' }),
    })
    try {
      const answer = await app.inject({ url: '/listClients' })
      expect(answer.statusCode).toBe(500)
      expect(answer.headers['x-road-error']).toBe(
        'Server.ServerProxy.InternalError',
      )
      expect(answer.json()).toMatchObject({
        type: 'Server.ServerProxy.InternalError',
      })
      expect(answer.body).not.toContain('Citizen Portal')
    } finally {
      await app.close()
    }
  })
})
