import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Name of the cookie that ties a pending sign-in to one browser. */
export function preSignInCookieName(secure: boolean): string {
  return secure ? '__Host-portal_pre_sign_in' : 'portal_pre_sign_in'
}

/**
 * The hash of this browser's pre-sign-in cookie, setting a new random one
 * when the browser has none. Pending sign-ins store only the hash.
 */
export function browserHash(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string {
  const name = preSignInCookieName(secure)
  let id = request.cookies[name]
  if (!id || id.length < 32) {
    id = randomBytes(32).toString('base64url')
    reply.setCookie(name, id, {
      path: '/api/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure,
    })
  }
  return hashOf(id)
}

/** The hash of the request's pre-sign-in cookie, or undefined. */
export function existingBrowserHash(
  request: FastifyRequest,
  secure: boolean,
): string | undefined {
  const id = request.cookies[preSignInCookieName(secure)]
  return id ? hashOf(id) : undefined
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex')
}
