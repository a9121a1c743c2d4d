import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Public data (the same for everyone) that caches may keep. */
    publicData?: boolean
  }
}

/**
 * Every `/api` answer is `no-store` unless its route declares `publicData`:
 * personal data never lands in a browser, proxy or service-worker cache.
 */
export function cachePolicy(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    if (reply.getHeader('Cache-Control')) return
    const isPublic = request.routeOptions.config?.publicData === true
    reply.header('Cache-Control', isPublic ? 'no-cache' : 'no-store')
  })
}
