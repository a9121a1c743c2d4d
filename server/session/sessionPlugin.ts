import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { portalError } from '../errors.ts'
import type { Citizen, SessionStore, SignIn } from './sessionStore.ts'

/**
 * Response header with the seconds left before the session ends for lack of
 * activity, on personal `/api` answers to a signed-in citizen: the PWA
 * warns before that without trusting its own clock to match the server's.
 */
export const IDLE_HEADER = 'x-session-idle-expires-in'

/** Name of the session cookie; `__Host-` pins it to the origin over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-portal_session' : 'portal_session'
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in citizen, or null. Loaded for `/api` requests. */
    citizen: Citizen | null
  }
  interface FastifyInstance {
    /** Starts a session for a citizen and sets the cookie (a new id). */
    signIn(
      request: FastifyRequest,
      reply: FastifyReply,
      who: SignIn,
    ): Promise<Citizen>
    /** Revokes the request's session and clears the cookie. */
    signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>
    /** preHandler that refuses requests without a signed-in citizen. */
    requireCitizen(request: FastifyRequest): Promise<void>
  }
}

/**
 * Loads the citizen from the session cookie on every `/api` request and
 * offers sign-in and sign-out to the routes that establish identity.
 */
export async function sessionPlugin(
  app: FastifyInstance,
  options: {
    store: SessionStore
    secure: boolean
    clock?: () => Date
    /**
     * Runs after every sign-in (e.g. the wallet's welcome grant). It may
     * fail: the failure is logged and the citizen is signed in anyway.
     */
    onSignIn?: (citizen: Citizen) => Promise<void>
  },
): Promise<void> {
  const name = sessionCookieName(options.secure)
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.secure,
  }

  await app.register(cookie)
  app.decorateRequest('citizen', null)

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    const id = request.cookies[name]
    request.citizen = id ? await options.store.touch(id) : null
  })

  app.addHook('onSend', async (request, reply) => {
    const citizen = request.citizen
    if (!citizen || request.routeOptions.config?.publicData) return
    const now = options.clock?.() ?? new Date()
    const left = citizen.idleExpiresAt.getTime() - now.getTime()
    reply.header(IDLE_HEADER, String(Math.max(0, Math.floor(left / 1000))))
  })

  app.decorate(
    'signIn',
    async (request: FastifyRequest, reply: FastifyReply, who: SignIn) => {
      const old = request.cookies[name]
      if (old) await options.store.revoke(old)
      const { id, citizen } = await options.store.create(who)
      reply.setCookie(name, id, cookieOptions)
      request.citizen = citizen
      if (options.onSignIn) {
        try {
          await options.onSignIn(citizen)
        } catch (err) {
          request.log.warn({ err }, 'a step after sign-in failed')
        }
      }
      return citizen
    },
  )

  app.decorate(
    'signOut',
    async (request: FastifyRequest, reply: FastifyReply) => {
      const id = request.cookies[name]
      if (id) await options.store.revoke(id)
      reply.clearCookie(name, cookieOptions)
      request.citizen = null
    },
  )

  app.decorate('requireCitizen', async (request: FastifyRequest) => {
    if (!request.citizen) throw portalError('SIGN_IN_REQUIRED')
  })
}
