import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { CertifiedPerson } from '../eid/authCertificate.ts'
import { errorBodySchema, portalError } from '../errors.ts'
import { userSchema, userView } from '../routes/session.ts'
import { PendingSignIns, type PendingSignIn } from './pendingSignIns.ts'
import { PORTAL_RESULTS } from './portalResults.ts'
import { browserHash, existingBrowserHash } from './preSignIn.ts'
import { SignInRateLimit } from './rateLimit.ts'

/** The sign-in's outcome: the provider's result or the portal's refusal. */
export interface Judgement {
  result: string
  /** Present only when result is OK. */
  person?: CertifiedPerson
}

/** A started sign-in: what to remember and what the browser shows. */
export interface StartedSignIn {
  providerSession: string
  /** What was sent to be signed (hash or challenge) and its kind. */
  challenge: Uint8Array
  challengeType: string
  verificationCode: string
}

/**
 * One sign-in method that signs a challenge on the citizen's phone
 * (Mobile-ID, Smart-ID): how its start request reads and how the provider
 * is asked and answered. The routes around it are shared.
 */
export interface PhoneSignInMethod<Body extends { personalCode: string }> {
  /** `mobile-id` or `smart-id`: the route path and the session's method. */
  method: string
  /** The method's name in the API description, e.g. Mobile-ID. */
  label: string
  /** JSON schema of the start request's body properties. */
  bodyProperties: Record<string, object>
  /** The identity provider's results, listed in the API description. */
  providerResults: readonly string[]
  /** Throws a PortalError with details when the body is not valid. */
  validate(body: Body): Body
  start(request: FastifyRequest, body: Body): Promise<StartedSignIn>
  /** Asks the provider once; a judgement when the session is complete. */
  poll(
    signIn: PendingSignIn,
    timeoutMs: number,
    now: Date,
  ): Promise<Judgement | 'RUNNING'>
}

/** What the shared sign-in routes need besides the method. */
export interface PhoneSignInOptions {
  db: Kysely<Database>
  /** Sign-in starts per minute per client IP and per personal code. */
  rateLimit: number
  /** Whether cookies are Secure (PUBLIC_ORIGIN is https). */
  secure: boolean
  /** How long one poll waits for the provider (default 1000 ms). */
  pollTimeoutMs?: number
  clock?: () => Date
}

const errors = {
  400: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
  502: errorBodySchema,
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const

/**
 * `POST /api/auth/{method}` starts a sign-in and returns the verification
 * code, `GET /api/auth/{method}/{id}` polls it and signs the citizen in on
 * OK, `DELETE` cancels it. A sign-in belongs to the browser that started
 * it (the pre-sign-in cookie); starts are rate limited per client IP and
 * per personal code.
 */
export async function phoneSignInRoutes<Body extends { personalCode: string }>(
  app: FastifyInstance,
  options: PhoneSignInOptions,
  signInMethod: PhoneSignInMethod<Body>,
): Promise<void> {
  const { method, label } = signInMethod
  const clock = options.clock ?? (() => new Date())
  const pending = new PendingSignIns(options.db, clock)
  const limiter = new SignInRateLimit(options.db, options.rateLimit, clock)
  const pollTimeoutMs = options.pollTimeoutMs ?? 1000
  const path = `/api/auth/${method}`

  app.post<{ Body: Body }>(
    path,
    {
      schema: {
        summary: `Starts ${label} sign-in; returns the verification code`,
        tags: ['sign-in'],
        body: {
          type: 'object',
          required: Object.keys(signInMethod.bodyProperties),
          additionalProperties: false,
          properties: signInMethod.bodyProperties,
        },
        response: {
          200: {
            type: 'object',
            required: ['id', 'verificationCode'],
            properties: {
              id: { type: 'string' },
              verificationCode: { type: 'string', pattern: '^\\d{4}$' },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      // The schema above has checked the body's shape.
      const body = signInMethod.validate(request.body as Body)
      await limiter.take([`ip:${request.ip}`, `code:${body.personalCode}`])

      const started = await signInMethod.start(request, body)
      const id = await pending.create({
        browserHash: browserHash(request, reply, options.secure),
        method,
        personalCode: body.personalCode,
        providerSession: started.providerSession,
        hash: started.challenge,
        hashType: started.challengeType,
      })
      return { id, verificationCode: started.verificationCode }
    },
  )

  app.get<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      schema: {
        summary: `Polls a ${label} sign-in; signs the citizen in on OK`,
        description:
          `result is the ${label} outcome ` +
          `(${signInMethod.providerResults.join(', ')}) or the portal’s ` +
          `refusal (${PORTAL_RESULTS.join(', ')}).`,
        tags: ['sign-in'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['state'],
            properties: {
              state: { type: 'string', enum: ['RUNNING', 'COMPLETE'] },
              result: { type: 'string' },
              user: userSchema,
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const signIn = await pending.find(
        request.params.id,
        method,
        existingBrowserHash(request, options.secure),
      )
      if (!signIn) throw portalError('NOT_FOUND')
      if (signIn.state === 'COMPLETE') {
        return { state: 'COMPLETE', result: signIn.result ?? '' }
      }

      const judgement = await signInMethod.poll(signIn, pollTimeoutMs, clock())
      if (judgement === 'RUNNING') return { state: 'RUNNING' }

      const first = await pending.complete(signIn.id, judgement.result)
      if (!first || !judgement.person) {
        request.log.info(
          { signIn: method, result: judgement.result },
          'sign-in completed',
        )
        return { state: 'COMPLETE', result: judgement.result }
      }

      const citizen = await app.signIn(request, reply, {
        personalCode: judgement.person.personalCode,
        givenName: judgement.person.givenName,
        familyName: judgement.person.familyName,
        method,
        assurance: 'high',
      })
      request.log.info({ signIn: method, result: 'OK' }, 'signed in')
      return { state: 'COMPLETE', result: 'OK', user: userView(citizen) }
    },
  )

  app.delete<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      schema: {
        summary: `Cancels a pending ${label} sign-in`,
        tags: ['sign-in'],
        params: idParams,
        response: { 204: { type: 'null' }, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const cancelled = await pending.cancel(
        request.params.id,
        method,
        existingBrowserHash(request, options.secure),
      )
      if (!cancelled) throw portalError('NOT_FOUND')
      return reply.status(204).send()
    },
  )
}

/** Refuses a personal code without a valid check digit. */
export function refusePersonalCode(): never {
  throw portalError('PERSONAL_CODE_INVALID', {
    details: [{ field: 'personalCode', problem: 'invalid' }],
  })
}
