import type { FastifyRequest } from 'fastify'

/** True unless an Accept header names only types other than JSON. */
export function acceptsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept
  if (!accept) return true
  return accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase())
    .some((type) =>
      ['application/json', 'application/*', '*/*'].includes(type ?? ''),
    )
}
