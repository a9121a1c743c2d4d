import type { FastifyRequest } from 'fastify'

/** True unless an Accept header names only types other than `type`. */
export function accepts(request: FastifyRequest, type: string): boolean {
  const accept = request.headers.accept
  if (!accept) return true
  const [major] = type.split('/')
  return accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase())
    .some((range) => [type, `${major}/*`, '*/*'].includes(range ?? ''))
}
