import { sql, type Kysely } from 'kysely'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/schema.ts'
import { portalError } from '../errors.ts'

/** A dependency the portal needs; the probe throws when it does not answer. */
export interface DependencyProbe {
  name: string
  probe: () => Promise<void>
  /** Without it the portal cannot serve anyone: readiness fails. */
  critical: boolean
}

/** Probes an HTTP endpoint: any HTTP answer within the time counts. */
export function httpProbe(url: string, timeoutMs = 2000) {
  return async () => {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
  }
}

/** `/api/health` (liveness with the database) and `/api/health/ready`. */
export async function healthRoutes(
  app: FastifyInstance,
  options: { db: Kysely<Database>; dependencies: DependencyProbe[] },
): Promise<void> {
  const pingDb = () => sql`select 1`.execute(options.db).then(() => undefined)

  app.get(
    '/api/health',
    {
      schema: {
        summary: 'The server and its database answer',
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    async () => {
      try {
        await pingDb()
      } catch {
        throw portalError('NOT_AVAILABLE')
      }
      return { status: 'ok' }
    },
  )

  app.get(
    '/api/health/ready',
    {
      schema: {
        summary: 'Each dependency and whether it answers',
        tags: ['health'],
        response: {
          '2xx': {
            type: 'object',
            properties: {
              ready: { type: 'boolean' },
              dependencies: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    ok: { type: 'boolean' },
                    critical: { type: 'boolean' },
                    ms: { type: 'number' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const probes: DependencyProbe[] = [
        { name: 'database', probe: pingDb, critical: true },
        ...options.dependencies,
      ]
      const dependencies = await Promise.all(
        probes.map(async ({ name, probe, critical }) => {
          const started = performance.now()
          const ok = await probe().then(
            () => true,
            () => false,
          )
          const ms = Math.round(performance.now() - started)
          return { name, ok, critical, ms }
        }),
      )
      const ready = dependencies.every((d) => d.ok || !d.critical)
      return reply.status(ready ? 200 : 503).send({ ready, dependencies })
    },
  )
}
