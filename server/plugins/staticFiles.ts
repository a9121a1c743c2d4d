import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { sendNotFound } from './errorHandler.ts'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/**
 * Serves the built PWA, compressed as the build prepared it (Brotli or
 * gzip, whichever the browser accepts): hashed assets cached for a year,
 * everything else
 * (index.html, the service worker, the manifest) revalidated every time.
 * Unknown non-API paths get index.html so the router can show them.
 */
export async function staticFiles(
  app: FastifyInstance,
  options: { distDir: string },
): Promise<void> {
  const index = join(options.distDir, 'index.html')
  const built = existsSync(index)

  if (built) {
    await app.register(fastifyStatic, {
      root: options.distDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes .br and .gz beside each text file (vite.config.ts).
      preCompressed: true,
      setHeaders(reply, path) {
        const hashed = path.includes(`${join(options.distDir, 'assets')}`)
        reply.header('Cache-Control', hashed ? IMMUTABLE : REVALIDATE)
      },
    })
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/')
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !isApi &&
      !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')
    if (!built || !wantsPage) return sendNotFound(reply)
    reply.header('Cache-Control', REVALIDATE)
    return reply.sendFile('index.html')
  })
}
