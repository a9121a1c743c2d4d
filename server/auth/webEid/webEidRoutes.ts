import type { X509Certificate } from '@peculiar/x509'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { OcspChecker } from '../../eid/ocsp/ocspClient.ts'
import { validateAuthToken } from '../../eid/webEid/validateAuthToken.ts'
import { errorBodySchema, portalError } from '../../errors.ts'
import { userSchema, userView } from '../../routes/session.ts'
import { browserHash, existingBrowserHash } from '../preSignIn.ts'
import { SignInRateLimit } from '../rateLimit.ts'
import { WebEidChallenges } from './challenges.ts'

/** What the ID-card (Web eID) sign-in routes need. */
export interface WebEidRouteOptions {
  db: Kysely<Database>
  /** Issuing CAs trusted for eID (EID_TRUSTED_CA_FILE or the sandbox CA). */
  trustAnchors: X509Certificate[]
  /** Asks the certificate's OCSP responder (fail closed). */
  ocsp: OcspChecker
  /** PUBLIC_ORIGIN: the origin the ID-card signs. */
  origin: string
  /** Challenges per minute per client IP. */
  rateLimit: number
  /** Whether cookies are Secure (PUBLIC_ORIGIN is https). */
  secure: boolean
  clock?: () => Date
}

const METHOD = 'id-card'

const authTokenSchema = {
  type: 'object',
  description: 'The Web eID authentication token (format web-eid:1.x)',
  required: ['unverifiedCertificate', 'algorithm', 'signature', 'format'],
  properties: {
    unverifiedCertificate: { type: 'string', maxLength: 16384 },
    algorithm: { type: 'string', maxLength: 16 },
    signature: { type: 'string', maxLength: 2048 },
    format: { type: 'string', maxLength: 32 },
    appVersion: { type: 'string', maxLength: 256 },
  },
} as const

/**
 * ID-card sign-in through Web eID: `GET /api/auth/web-eid/challenge` gives
 * the browser a nonce (bound to its pre-sign-in cookie, single use, five
 * minutes); `POST /api/auth/web-eid` takes the token the extension made
 * over it, validates it and signs the citizen in.
 */
export async function webEidRoutes(
  app: FastifyInstance,
  options: WebEidRouteOptions,
): Promise<void> {
  const clock = options.clock ?? (() => new Date())
  const challenges = new WebEidChallenges(options.db, clock)
  const limiter = new SignInRateLimit(options.db, options.rateLimit, clock)

  app.get(
    '/api/auth/web-eid/challenge',
    {
      schema: {
        summary: 'A challenge nonce for ID-card sign-in',
        tags: ['sign-in'],
        response: {
          200: {
            type: 'object',
            required: ['nonce'],
            properties: { nonce: { type: 'string', minLength: 44 } },
          },
          429: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      await limiter.take([`ip:${request.ip}`])
      await challenges.purge()
      const browser = browserHash(request, reply, options.secure)
      return { nonce: await challenges.issue(browser) }
    },
  )

  app.post<{ Body: { authToken: unknown } }>(
    '/api/auth/web-eid',
    {
      schema: {
        summary: 'Signs the citizen in with a Web eID authentication token',
        description:
          'Refusals: NONCE_INVALID (no, used or expired challenge), ' +
          'TOKEN_INVALID, SIGNATURE_INVALID, CERTIFICATE_UNTRUSTED, ' +
          'CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID, ' +
          'CERTIFICATE_NOT_FOR_AUTHENTICATION, CERTIFICATE_POLICY_REFUSED, ' +
          'CERTIFICATE_REVOKED, CERTIFICATE_STATUS_UNKNOWN, OCSP_UNAVAILABLE.',
        tags: ['sign-in'],
        body: {
          type: 'object',
          required: ['authToken'],
          additionalProperties: false,
          properties: { authToken: authTokenSchema },
        },
        response: {
          200: {
            type: 'object',
            required: ['user'],
            properties: { user: userSchema },
          },
          400: errorBodySchema,
          401: errorBodySchema,
          502: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const nonce = await challenges.take(
        existingBrowserHash(request, options.secure),
      )
      if (!nonce) throw portalError('NONCE_INVALID')

      const result = await validateAuthToken(request.body.authToken, nonce, {
        anchors: options.trustAnchors,
        origin: options.origin,
        now: clock(),
        ocsp: options.ocsp,
      })
      if (!result.ok) {
        request.log.info(
          { signIn: METHOD, result: result.refusal },
          'sign-in refused',
        )
        throw portalError(result.refusal)
      }

      const citizen = await app.signIn(request, reply, {
        personalCode: result.person.personalCode,
        givenName: result.person.givenName,
        familyName: result.person.familyName,
        method: METHOD,
        assurance: 'high',
      })
      request.log.info({ signIn: METHOD, result: 'OK' }, 'signed in')
      return { user: userView(citizen) }
    },
  )
}
