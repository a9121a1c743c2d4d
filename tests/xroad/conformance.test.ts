import { sha512 } from '@noble/hashes/sha2.js'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import {
  FI_INCOME_SERVICE,
  POPULATION_SERVICE,
  startSandbox,
  type Sandbox,
} from '../../sandbox/start.ts'
import {
  MessageLog,
  verifyMessageLog,
  type MessageLogRecord,
} from '../../sandbox/xroad/messageLog.ts'
import {
  conformanceModule,
  ECHO,
  FI_CLIENT,
  FI_ECHO,
  OTHER,
  PORTAL,
  providerHits,
  send,
  type Answer,
} from './fixture.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const EE_ECHO_URL = '/r1/ee-dev/GOV/70000349/tax/echo'
const INCOME_URL = '/r1/FI-TEST/GOV/0245437-2/verohallinto/income'

let database: PortalDatabase
let db: Kysely<unknown>
let sandbox: Sandbox
/** Every answer an `ee-dev` client got, to find in the message log. */
const answers: { server: string; answer: Answer }[] = []

type Server = 'ee-dev' | 'FI-TEST'

/** Calls a security server as `client` (PORTAL unless given; null: none). */
async function call(
  path: string,
  options: {
    server?: Server
    client?: string | null
    method?: string
    headers?: Record<string, string | string[]>
    body?: string | Buffer
  } = {},
): Promise<Answer> {
  const server = options.server ?? 'ee-dev'
  const headers = { ...options.headers }
  if (options.client !== null)
    headers['x-road-client'] = options.client ?? PORTAL
  const answer = await send(
    server === 'ee-dev' ? sandbox.xroadEeUrl : sandbox.xroadFiUrl,
    path,
    { method: options.method, headers, body: options.body },
  )
  answers.push({ server, answer })
  return answer
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

/** The request id of an answer: its header, or a fault's detail. */
function requestIdOf(answer: Answer): string | undefined {
  const header = answer.headers['x-road-request-id']
  if (typeof header === 'string') return header
  try {
    const detail = answer.json<{ detail?: unknown }>().detail
    return typeof detail === 'string' ? detail : undefined
  } catch {
    return undefined
  }
}

async function logged(
  server: Server,
  requestId: string | undefined,
): Promise<MessageLogRecord[]> {
  const records = await new MessageLog(db, server).records()
  return records.filter((r) => r.requestId === requestId)
}

/** PR-REST 4.3, computed here from the request as it was sent. */
function expectedHash(lines: string[], body?: string): string {
  const headerPart = new TextEncoder().encode(
    lines.map((l) => `${l}\r\n`).join(''),
  )
  if (body === undefined)
    return Buffer.from(sha512(headerPart)).toString('base64')
  const joined = new Uint8Array(128)
  joined.set(sha512(headerPart), 0)
  joined.set(sha512(new TextEncoder().encode(body)), 64)
  return Buffer.from(sha512(joined)).toString('base64')
}

const hits = (service: string) => providerHits.get(service) ?? 0

beforeAll(async () => {
  database = await openDatabase({ memory: true })
  db = database.db as Kysely<unknown>
  sandbox = await startSandbox({
    db,
    ports: { xroadEe: 0, xroadFi: 0 },
    modules: [conformanceModule],
    portalClient: PORTAL,
    log: pino({ level: 'silent' }),
    today: new Date('2025-06-15T00:00:00Z'),
  })
})

afterAll(async () => {
  await sandbox?.close()
  await database?.close()
})

describe('r1 URLs', () => {
  it('decodes each percent-encoded identifier part on its own', async () => {
    const answer = await call(
      '/r1/%65e-dev/G%4FV/70000349/tax/ec%68o/echo/a%20b',
    )
    expect(answer.status).toBe(200)
    expect(answer.headers['x-road-service']).toBe(ECHO)
    expect(answer.json<{ url: string }>().url).toBe('/echo/a%20b')
  })

  it('refuses forbidden characters, too few parts and empty parts with Client.BadRequest', async () => {
    const before = hits(ECHO)
    for (const path of [
      '/r1/ee-dev/GOV/70000349/tax%2Fecho/echo/x',
      '/r1/ee-dev/GOV/7000%3B0349/tax/echo/echo/x',
      '/r1/ee-dev/GOV/70000349/tax:1/echo/echo/x',
      '/r1/ee-dev/GOV/70000349/t%C3%A4x/echo/echo/x',
      '/r1/ee-dev/GOV/70000349/%zz/echo/echo/x',
      '/r1/ee-dev/GOV/70000349/tax',
      '/r1/ee-dev/GOV/70000349',
      '/r1/ee-dev//70000349/tax/echo/echo/x',
      '/r1/ee-dev/GOV/70000349//echo/echo/x',
      `${EE_ECHO_URL}/echo/../../../population/persons`,
      `${EE_ECHO_URL}/echo/%2e%2e/one`,
      '/echo/x',
    ]) {
      expectFault(await call(path), 400, 'Client.BadRequest')
    }
    expect(hits(ECHO)).toBe(before)
  })

  it('refuses another protocol version with Client.InvalidProtocolVersion', async () => {
    for (const version of ['r2', 'r0', 'r10']) {
      expectFault(
        await call(`/${version}/ee-dev/GOV/70000349/tax/echo/echo/x`),
        400,
        'Client.InvalidProtocolVersion',
      )
    }
    expectFault(
      await call('/v1/ee-dev/GOV/70000349/tax/echo/echo/x'),
      400,
      'Client.BadRequest',
    )
  })

  it('refuses a missing or malformed X-Road-Client with Client.BadRequest', async () => {
    for (const client of [
      null,
      '',
      'ee-dev/GOV',
      'ee-dev/GOV/1/2/3',
      'ee-dev/GOV/%3B',
    ]) {
      expectFault(
        await call(`${EE_ECHO_URL}/echo/x`, { client }),
        400,
        'Client.BadRequest',
      )
    }
  })
})

describe('X-Road headers', () => {
  it('echoes the client’s X-Road-Id, client and service', async () => {
    const answer = await call(`${EE_ECHO_URL}/echo/x`, {
      headers: { 'x-road-id': 'conformance-1' },
    })
    expect(answer.headers['x-road-id']).toBe('conformance-1')
    expect(answer.headers['x-road-client']).toBe(PORTAL)
    expect(answer.headers['x-road-service']).toBe(ECHO)
    expect(answer.json<{ headers: object }>().headers).toMatchObject({
      'x-road-id': 'conformance-1',
      'x-road-client': PORTAL,
    })
  })

  it('generates an X-Road-Id and a request id per request', async () => {
    const [a, b] = await Promise.all([
      call(`${EE_ECHO_URL}/echo/x`),
      call(`${EE_ECHO_URL}/echo/x`),
    ])
    expect(a?.headers['x-road-id']).toMatch(UUID)
    expect(a?.headers['x-road-id']).not.toBe(b?.headers['x-road-id'])
    expect(a?.headers['x-road-request-id']).toMatch(UUID)
    expect(a?.headers['x-road-request-id']).not.toBe(
      b?.headers['x-road-request-id'],
    )
  })

  it('answers an X-Road-Request-Hash over the request with a body', async () => {
    const target = `${EE_ECHO_URL}/echo/hash?q=%C3%A4`
    const body = '{"amount":5}'
    const answer = await call(target, {
      method: 'POST',
      headers: {
        'x-road-id': 'hash-1',
        'x-road-userid': 'EE60001019906',
        'x-road-issue': 'TAX_VIEW',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body,
    })
    expect(answer.headers['x-road-request-hash']).toBe(
      expectedHash(
        [
          'POST',
          target,
          `x-road-client: ${PORTAL}`,
          'x-road-id: hash-1',
          'x-road-userid: EE60001019906',
          'x-road-issue: TAX_VIEW',
          'accept: application/json',
          'content-type: application/json',
        ],
        body,
      ),
    )
  })

  it('answers an X-Road-Request-Hash over the headers alone without a body', async () => {
    const target = '/r1/ee-dev/GOV/70008440/population/persons/60001019906'
    const answer = await call(target)
    expect(answer.status).toBe(200)
    expect(answer.headers['x-road-request-hash']).toBe(
      expectedHash([
        'GET',
        target,
        `x-road-client: ${PORTAL}`,
        `x-road-id: ${String(answer.headers['x-road-id'])}`,
        'accept: application/json',
      ]),
    )
  })
})

describe('faults', () => {
  it('answer an unknown service with 404 Server.ServerProxy.UnknownService', async () => {
    for (const path of [
      '/r1/ee-dev/GOV/70000349/tax/nothing/x',
      '/r1/XX-TEST/GOV/70000349/tax/echo/x',
    ]) {
      expectFault(await call(path), 404, 'Server.ServerProxy.UnknownService')
    }
  })

  it('answer a metaservice called with POST with 405 Client.InvalidHttpMethod', async () => {
    expectFault(
      await call('/r1/ee-dev/GOV/70008440/population/listMethods', {
        method: 'POST',
        body: '{}',
      }),
      405,
      'Client.InvalidHttpMethod',
    )
  })

  it('answer a description the service lacks with 404 Server.ServerProxy.NotFound', async () => {
    expectFault(
      await call('/r1/ee-dev/GOV/70000349/tax/getOpenAPI?serviceCode=echo'),
      404,
      'Server.ServerProxy.NotFound',
    )
  })

  it('answer a body over the limit with 413 Client.BadRequest', async () => {
    const before = hits(ECHO)
    expectFault(
      await call(`${EE_ECHO_URL}/echo/big`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(10 * 1024 * 1024 + 1, 1),
      }),
      413,
      'Client.BadRequest',
    )
    expect(hits(ECHO)).toBe(before)
  })

  it('answer a provider that hangs up with 500 Server.ServerProxy.NetworkError', async () => {
    expectFault(
      await call(`${EE_ECHO_URL}/hang-up`),
      500,
      'Server.ServerProxy.NetworkError',
    )
  })

  it('answer a provider that answers too much with 500 Server.ServerProxy.ServiceFailed', async () => {
    expectFault(
      await call(`${EE_ECHO_URL}/huge`),
      500,
      'Server.ServerProxy.ServiceFailed',
    )
  })

  it('pass a provider’s own error through unchanged', async () => {
    const answer = await call(`${EE_ECHO_URL}/fail`)
    expect(answer.status).toBe(418)
    expect(answer.json()).toEqual({ problem: 'the provider’s own words' })
    expect(answer.headers['x-provider']).toBe('own')
    expect(answer.headers['x-road-error']).toBeUndefined()
    expect(answer.headers['x-road-service']).toBe(ECHO)
  })
})

describe('access rights', () => {
  it('deny a client without a right', async () => {
    const before = hits(ECHO)
    const answer = await call(`${EE_ECHO_URL}/echo/x`, { client: OTHER })
    expectFault(answer, 403, 'Server.ServerProxy.AccessDenied')
    expect(hits(ECHO)).toBe(before)
  })

  it('deny a method the right leaves out', async () => {
    expect((await call(`${EE_ECHO_URL}/one/x`)).status).toBe(200)
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expectFault(
        await call(`${EE_ECHO_URL}/one/x`, { method, body: '' }),
        403,
        'Server.ServerProxy.AccessDenied',
      )
    }
  })

  it('match * within one path segment', async () => {
    expect((await call(`${EE_ECHO_URL}/one/a%2Fb`)).status).toBe(200)
    for (const path of ['/one', '/one/a/b', '/ones/a']) {
      expectFault(
        await call(`${EE_ECHO_URL}${path}`),
        403,
        'Server.ServerProxy.AccessDenied',
      )
    }
  })

  it('match ** across any number of segments', async () => {
    for (const path of ['/echo', '/echo/a', '/echo/a/b/c/d']) {
      expect((await call(`${EE_ECHO_URL}${path}`)).status).toBe(200)
    }
    for (const path of ['/echoes', '/x/echo', '']) {
      expectFault(
        await call(`${EE_ECHO_URL}${path}`),
        403,
        'Server.ServerProxy.AccessDenied',
      )
    }
  })
})

describe('metaservices', () => {
  type ServiceList = {
    service: {
      service_code: string
      xroad_instance: string
      endpoint_list: unknown[]
    }[]
  }
  type ClientList = {
    member: { id: { xroad_instance: string }; name: string }[]
  }

  it('listMethods answers on both instances, and across the federation', async () => {
    const ee = await call('/r1/ee-dev/GOV/70008440/population/listMethods')
    expect(ee.json<ServiceList>().service.map((s) => s.service_code)).toEqual([
      'persons',
      'findUsage',
      'explainUsage',
    ])
    for (const server of ['ee-dev', 'FI-TEST'] as const) {
      const fi = await call(
        '/r1/FI-TEST/GOV/0245437-2/verohallinto/listMethods',
        {
          server,
        },
      )
      expect(fi.status).toBe(200)
      expect(fi.headers['x-road-service']).toBe(
        'FI-TEST/GOV/0245437-2/verohallinto/listMethods',
      )
      const services = fi.json<ServiceList>().service
      expect(services.map((s) => s.service_code)).toEqual([
        'income',
        'findUsage',
        'explainUsage',
        'echo',
      ])
      expect(services[0]?.endpoint_list).toEqual([
        { method: 'GET', path: '/*' },
      ])
    }
  })

  it('allowedMethods lists only what the calling client may call', async () => {
    const path = '/r1/FI-TEST/GOV/0245437-2/verohallinto/allowedMethods'
    const portal = (await call(path)).json<ServiceList>().service
    expect(portal.map((s) => [s.service_code, s.endpoint_list])).toEqual([
      ['income', [{ method: 'GET', path: '/*' }]],
      [
        'findUsage',
        ['/v2/*', '/checkpoint', '/checkpoint/*', '/consistency'].map(
          (path) => ({ method: 'GET', path }),
        ),
      ],
      [
        'explainUsage',
        [
          { method: 'GET', path: '/requests' },
          { method: 'POST', path: '/requests' },
          { method: 'GET', path: '/requests/*' },
        ],
      ],
      ['echo', [{ method: '*', path: '/**' }]],
    ])
    expect((await call(path, { client: OTHER })).json()).toEqual({
      service: [],
    })
    const ee = await call('/r1/ee-dev/GOV/70000349/tax/allowedMethods')
    expect(ee.json<ServiceList>().service[0]?.endpoint_list).toHaveLength(6)
  })

  it('getOpenAPI gives a description without the provider’s address, on both instances', async () => {
    const ee = await call(
      '/r1/ee-dev/GOV/70008440/population/getOpenAPI?serviceCode=persons',
    )
    expect(ee.json<{ servers?: unknown }>().servers).toBeUndefined()
    const fi = await call(
      '/r1/FI-TEST/GOV/0245437-2/verohallinto/getOpenAPI?serviceCode=income',
    )
    expect(fi.status).toBe(200)
    expect(Object.keys(fi.json<{ paths: object }>().paths)).toEqual([
      '/{personalCode}',
    ])
  })

  it('listClients lists each instance’s members on both servers', async () => {
    for (const server of ['ee-dev', 'FI-TEST'] as const) {
      const own = await call('/listClients', { server, client: null })
      const members = own.json<ClientList>().member
      expect(members.length).toBeGreaterThan(0)
      expect(members.every((m) => m.id.xroad_instance === server)).toBe(true)
    }
    const fi = await call('/listClients?xRoadInstance=FI-TEST', {
      client: null,
    })
    expect(fi.json<ClientList>().member.map((m) => m.name)).toContain(
      'Verohallinto',
    )
  })
})

describe('federation', () => {
  it('routes an ee-dev client’s call to a FI-TEST service through both servers', async () => {
    const target = `${INCOME_URL}/60001019906?year=2024`
    const answer = await call(target, {
      headers: { 'x-road-id': 'federated-1', 'x-road-userid': 'EE60001019906' },
    })
    expect(answer.status).toBe(200)
    expect(answer.json()).toMatchObject({
      personalCode: '60001019906',
      year: 2024,
      currency: 'EUR',
    })
    expect(answer.headers).toMatchObject({
      'x-road-id': 'federated-1',
      'x-road-client': PORTAL,
      'x-road-service': FI_INCOME_SERVICE,
      'x-road-request-id': expect.stringMatching(UUID),
    })
    expect(answer.headers['x-road-request-hash']).toBe(
      expectedHash([
        'GET',
        target,
        `x-road-client: ${PORTAL}`,
        'x-road-id: federated-1',
        'x-road-userid: EE60001019906',
        'accept: application/json',
      ]),
    )

    const id = requestIdOf(answer)
    const [ee] = await logged('ee-dev', id)
    const [fi] = await logged('FI-TEST', id)
    expect(ee).toMatchObject({ outcome: 'federated', xRoadId: 'federated-1' })
    expect(fi).toMatchObject({
      outcome: 'forwarded',
      xRoadId: 'federated-1',
      client: PORTAL,
      service: FI_INCOME_SERVICE,
      path: '/***',
    })
  })

  it('runs a module’s FI-TEST provider behind the FI-TEST server', async () => {
    const answer = await call(
      '/r1/FI-TEST/GOV/0245437-2/verohallinto/echo/a/b',
      {
        method: 'PUT',
        headers: { 'x-custom': 'kept' },
        body: 'hello',
      },
    )
    expect(answer.status).toBe(200)
    expect(answer.json()).toMatchObject({
      method: 'PUT',
      url: '/a/b',
      body: 'hello',
      headers: { 'x-custom': 'kept', 'x-road-client': PORTAL },
    })
    expect(answer.headers['x-road-service']).toBe(FI_ECHO)
  })

  it('leaves the decision to the FI-TEST server, which denies a client without rights', async () => {
    const before = hits(FI_ECHO)
    const answer = await call(`${INCOME_URL}/60001019906?year=2024`, {
      client: OTHER,
    })
    expectFault(answer, 403, 'Server.ServerProxy.AccessDenied')
    expect(answer.headers['x-road-service']).toBe(FI_INCOME_SERVICE)
    expect(hits(FI_ECHO)).toBe(before)

    const id = requestIdOf(answer)
    expect(await logged('FI-TEST', id)).toEqual([
      expect.objectContaining({
        outcome: 'fault',
        faultType: 'Server.ServerProxy.AccessDenied',
        responseStatus: 403,
      }),
    ])
    expect(await logged('ee-dev', id)).toEqual([
      expect.objectContaining({
        outcome: 'fault',
        faultType: 'Server.ServerProxy.AccessDenied',
      }),
    ])
  })

  it('answers a FI-TEST service the FI-TEST server lacks as unknown', async () => {
    expectFault(
      await call('/r1/FI-TEST/GOV/0245437-2/verohallinto/nothing/x'),
      404,
      'Server.ServerProxy.UnknownService',
    )
  })

  it('lets a FI-TEST client out only through its own server', async () => {
    expectFault(
      await call(`${INCOME_URL}/60001019906?year=2024`, { client: FI_CLIENT }),
      403,
      'Server.ServerProxy.AccessDenied',
    )
    const answer = await call(`${EE_ECHO_URL}/echo/from-finland`, {
      server: 'FI-TEST',
      client: FI_CLIENT,
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['x-road-client']).toBe(FI_CLIENT)
    expect(answer.json()).toMatchObject({ url: '/echo/from-finland' })
  })
})

describe('the message logs', () => {
  it('record every exchange above with its outcome, and no personal codes', async () => {
    const withIds = answers.filter((a) => requestIdOf(a.answer))
    expect(withIds.length).toBeGreaterThan(60)
    for (const { server, answer } of withIds) {
      const records = await logged(server as Server, requestIdOf(answer))
      expect(
        records,
        `${answer.status} ${answer.text.slice(0, 200)}`,
      ).toHaveLength(1)
      const fault = answer.headers['x-road-error']
      expect(records[0]).toMatchObject({
        responseStatus: answer.status,
        faultType: typeof fault === 'string' ? fault : null,
      })
    }

    const all = [
      ...(await new MessageLog(db, 'ee-dev').records()),
      ...(await new MessageLog(db, 'FI-TEST').records()),
    ]
    expect(JSON.stringify(all)).not.toMatch(/60001019906/)
    expect(JSON.stringify(all)).not.toContain('amount')
    expect(all.some((r) => r.service === POPULATION_SERVICE)).toBe(true)
    expect(all.filter((r) => r.path === '/listClients')).toHaveLength(3)
  })

  it('verify on both servers', async () => {
    for (const server of ['ee-dev', 'FI-TEST']) {
      expect(await verifyMessageLog(db, server)).toMatchObject({ ok: true })
    }
  })
})
