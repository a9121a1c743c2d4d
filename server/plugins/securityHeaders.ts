import type { FastifyInstance } from 'fastify'

/**
 * The Content-Security-Policy: scripts, styles and connections only from the
 * portal itself, nothing inline, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Adds the security headers to every answer; HSTS when served over HTTPS. */
export function securityHeaders(
  app: FastifyInstance,
  options: { publicOrigin: string },
): void {
  const https = options.publicOrigin.startsWith('https:')

  app.addHook('onSend', async (request, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    reply.header('X-Content-Type-Options', 'nosniff')
    reply.header('X-Frame-Options', 'DENY')
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('Cross-Origin-Opener-Policy', 'same-origin')
    reply.header('Cross-Origin-Resource-Policy', 'same-origin')
    reply.header(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=()',
    )
    reply.header('X-Request-Id', request.id)
    if (https || request.protocol === 'https') {
      reply.header(
        'Strict-Transport-Security',
        'max-age=63072000; includeSubDomains',
      )
    }
  })
}
