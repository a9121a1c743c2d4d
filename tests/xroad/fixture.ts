import http from 'node:http'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import type { CatalogModule } from '../../server/catalog/discover.ts'
import { FI_INCOME_SERVICE, POPULATION_SERVICE } from '../../sandbox/start.ts'

/** The portal's client subsystem, which the fixture grants rights. */
export const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
/** An `ee-dev` client with no rights at all. */
export const OTHER = 'ee-dev/COM/12345678/other'
/** A Finnish client, which must go through its own security server. */
export const FI_CLIENT = 'FI-TEST/GOV/0245437-2/verohallinto'
/** A stub `ee-dev` service that echoes what it receives. */
export const ECHO = 'ee-dev/GOV/70000349/tax/echo'
/** A stub `FI-TEST` service run from a module. */
export const FI_ECHO = 'FI-TEST/GOV/0245437-2/verohallinto/echo'

/** Requests the stub providers received, by service. */
export const providerHits = new Map<string, number>()

const text = (en: string) => ({ et: en, en, ru: en })

function echoProvider(service: string) {
  return (app: Parameters<NonNullable<ModuleProviders[string]>>[0]) => {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_r, body, done) =>
      done(null, body),
    )
    app.addHook('onRequest', async () => {
      providerHits.set(service, (providerHits.get(service) ?? 0) + 1)
    })
    app.get('/fail', async (_request, reply) =>
      reply
        .code(418)
        .header('x-provider', 'own')
        .header('x-road-error', 'Forged.ByProvider')
        .send({ problem: 'the provider’s own words' }),
    )
    app.get('/huge', async () => Buffer.alloc(11 * 1024 * 1024, 97))
    app.get('/hang-up', async (request, reply) => {
      reply.hijack()
      request.raw.socket.destroy()
    })
    app.all('/*', async (request) => {
      const body = Buffer.isBuffer(request.body)
        ? request.body.toString('utf8')
        : ''
      return {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
      }
    })
  }
}

type ModuleProviders = NonNullable<
  NonNullable<CatalogModule['sandbox']>['providers']
>

/**
 * A module whose sandbox part runs an echo service on each instance and
 * grants the portal rights on them, the population register and the
 * Finnish income service.
 */
export const conformanceModule: CatalogModule = {
  folder: '/nowhere/x-road-conformance',
  locales: {},
  manifest: {
    id: 'x-road-conformance',
    agency: {
      name: text('Tax and Customs Board'),
      xroadMember: 'ee-dev/GOV/70000349',
    },
    title: text('X-Road conformance'),
    description: text('Exercises the sandbox security servers.'),
    lifeEvent: 'work-and-taxes',
    assurance: 'substantial',
    routes: [],
    services: [],
    offline: 'none',
    status: 'alpha',
    contact: { email: 'info@emta.ee' },
    accessibility: { conformance: 'full', statement: text('Accessible.') },
  } satisfies ServiceManifest,
  sandbox: {
    providers: {
      [ECHO]: echoProvider(ECHO),
      [FI_ECHO]: echoProvider(FI_ECHO),
    },
    accessRights: [
      {
        client: PORTAL,
        service: POPULATION_SERVICE,
        methods: ['GET'],
        path: '/*',
      },
      {
        client: PORTAL,
        service: ECHO,
        methods: ['GET', 'POST'],
        path: '/echo/**',
      },
      { client: PORTAL, service: ECHO, methods: ['GET'], path: '/one/*' },
      { client: PORTAL, service: ECHO, methods: ['GET'], path: '/fail' },
      { client: PORTAL, service: ECHO, methods: ['GET'], path: '/huge' },
      { client: PORTAL, service: ECHO, methods: ['GET'], path: '/hang-up' },
      {
        client: PORTAL,
        service: FI_INCOME_SERVICE,
        methods: ['GET'],
        path: '/*',
      },
      { client: PORTAL, service: FI_ECHO, methods: ['*'], path: '/**' },
      { client: FI_CLIENT, service: ECHO, methods: ['GET'], path: '/echo/**' },
    ],
  },
}

/** An answer read whole. */
export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json<T = Record<string, unknown>>(): T
}

/** Sends a request exactly as given: no URL normalisation, raw headers. */
export function send(
  base: string,
  path: string,
  options: {
    method?: string
    headers?: Record<string, string | string[]>
    body?: string | Buffer
  } = {},
): Promise<Answer> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: body,
            json: <T>() => JSON.parse(body) as T,
          })
        })
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}
