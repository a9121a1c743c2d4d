import { createHash, randomBytes } from 'node:crypto'
import type { X509Certificate } from '@peculiar/x509'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { isValidPersonalCode } from '../../../common/personalCode.ts'
import type { Database } from '../../db/schema.ts'
import { errorBodySchema, portalError } from '../../errors.ts'
import { userSchema, userView } from '../../routes/session.ts'
import { PendingSignIns } from '../pendingSignIns.ts'
import { browserHash, existingBrowserHash } from '../preSignIn.ts'
import { SignInRateLimit } from '../rateLimit.ts'
import { checkAnswer } from './checkAnswer.ts'
import type { MobileIdProvider } from './mobileIdClient.ts'
import { verificationCode } from './verificationCode.ts'

/** What the Mobile-ID sign-in routes need. */
export interface MobileIdRouteOptions {
  db: Kysely<Database>
  provider: MobileIdProvider
  /** Issuing CAs trusted for eID (EID_TRUSTED_CA_FILE or the sandbox CA). */
  trustAnchors: X509Certificate[]
  /** Sign-in starts per minute per client IP and per personal code. */
  rateLimit: number
  /** Whether cookies are Secure (PUBLIC_ORIGIN is https). */
  secure: boolean
  /** How long one poll waits for the provider (default 1000 ms). */
  pollTimeoutMs?: number
  clock?: () => Date
}

const METHOD = 'mobile-id'

/** Estonian (+372) and Lithuanian (+370) mobile numbers. */
const PHONE_NUMBER = /^\+(372\d{7,8}|370\d{8})$/

/** Results the portal adds to the provider's own. */
export const PORTAL_RESULTS = [
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_NOT_FOR_AUTHENTICATION',
  'IDENTITY_MISMATCH',
]

const LANGUAGES: Record<string, string> = { et: 'EST', ru: 'RUS', lt: 'LIT' }

function language(request: FastifyRequest): string {
  const header = request.headers['accept-language'] ?? ''
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase() ?? ''
  return LANGUAGES[first] ?? 'ENG'
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
 * Mobile-ID sign-in: `POST /api/auth/mobile-id` starts it and returns the
 * verification code, `GET /api/auth/mobile-id/{id}` polls it and signs the
 * citizen in on OK, `DELETE` cancels it. A sign-in belongs to the browser
 * that started it (the pre-sign-in cookie).
 */
export async function mobileIdRoutes(
  app: FastifyInstance,
  options: MobileIdRouteOptions,
): Promise<void> {
  const clock = options.clock ?? (() => new Date())
  const pending = new PendingSignIns(options.db, clock)
  const limiter = new SignInRateLimit(options.db, options.rateLimit, clock)
  const pollTimeoutMs = options.pollTimeoutMs ?? 1000

  app.post<{ Body: { phoneNumber: string; personalCode: string } }>(
    '/api/auth/mobile-id',
    {
      schema: {
        summary: 'Starts Mobile-ID sign-in; returns the verification code',
        tags: ['sign-in'],
        body: {
          type: 'object',
          required: ['phoneNumber', 'personalCode'],
          additionalProperties: false,
          properties: {
            phoneNumber: { type: 'string', maxLength: 20 },
            personalCode: { type: 'string', maxLength: 11 },
          },
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
      const phoneNumber = request.body.phoneNumber.replace(/[\s-]/g, '')
      const { personalCode } = request.body
      if (!PHONE_NUMBER.test(phoneNumber)) {
        throw portalError('PHONE_NUMBER_INVALID', {
          details: [{ field: 'phoneNumber', problem: 'invalid' }],
        })
      }
      if (!isValidPersonalCode(personalCode)) {
        throw portalError('PERSONAL_CODE_INVALID', {
          details: [{ field: 'personalCode', problem: 'invalid' }],
        })
      }
      await limiter.take([`ip:${request.ip}`, `code:${personalCode}`])

      const hash = createHash('sha256').update(randomBytes(64)).digest()
      const providerSession = await options.provider.start({
        phoneNumber,
        personalCode,
        hash,
        hashType: 'SHA256',
        language: language(request),
      })
      const id = await pending.create({
        browserHash: browserHash(request, reply, options.secure),
        method: METHOD,
        personalCode,
        providerSession,
        hash,
        hashType: 'SHA256',
      })
      return { id, verificationCode: verificationCode(hash) }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/api/auth/mobile-id/:id',
    {
      schema: {
        summary: 'Polls a Mobile-ID sign-in; signs the citizen in on OK',
        description:
          'result is the Mobile-ID outcome (OK, TIMEOUT, NOT_MID_CLIENT, ' +
          'USER_CANCELLED, SIGNATURE_HASH_MISMATCH, PHONE_ABSENT, ' +
          'DELIVERY_ERROR, SIM_ERROR) or the portal’s refusal ' +
          `(${PORTAL_RESULTS.join(', ')}).`,
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
        METHOD,
        existingBrowserHash(request, options.secure),
      )
      if (!signIn) throw portalError('NOT_FOUND')
      if (signIn.state === 'COMPLETE') {
        return { state: 'COMPLETE', result: signIn.result ?? '' }
      }

      const status = await options.provider.status(
        signIn.provider_session,
        pollTimeoutMs,
      )
      if (status.state === 'RUNNING') return { state: 'RUNNING' }

      const judgement = await checkAnswer(
        status,
        {
          hash: Buffer.from(signIn.hash, 'base64'),
          hashType: signIn.hash_type,
          personalCode: signIn.personal_code,
        },
        { anchors: options.trustAnchors, now: clock() },
      )
      const first = await pending.complete(signIn.id, judgement.result)
      if (!first || !judgement.person) {
        request.log.info(
          { signIn: 'mobile-id', result: judgement.result },
          'sign-in completed',
        )
        return { state: 'COMPLETE', result: judgement.result }
      }

      const citizen = await app.signIn(request, reply, {
        personalCode: judgement.person.personalCode,
        givenName: judgement.person.givenName,
        familyName: judgement.person.familyName,
        method: METHOD,
        assurance: 'high',
      })
      request.log.info({ signIn: 'mobile-id', result: 'OK' }, 'signed in')
      return { state: 'COMPLETE', result: 'OK', user: userView(citizen) }
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/api/auth/mobile-id/:id',
    {
      schema: {
        summary: 'Cancels a pending Mobile-ID sign-in',
        tags: ['sign-in'],
        params: idParams,
        response: { 204: { type: 'null' }, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const cancelled = await pending.cancel(
        request.params.id,
        METHOD,
        existingBrowserHash(request, options.secure),
      )
      if (!cancelled) throw portalError('NOT_FOUND')
      return reply.status(204).send()
    },
  )
}
