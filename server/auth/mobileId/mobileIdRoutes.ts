import { createHash, randomBytes } from 'node:crypto'
import type { OcspChecker } from '../../eid/ocsp/ocspClient.ts'
import type { X509Certificate } from '@peculiar/x509'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isValidPersonalCode } from '../../../common/personalCode.ts'
import { portalError } from '../../errors.ts'
import {
  refusePersonalCode,
  phoneSignInRoutes,
  type PhoneSignInOptions,
} from '../phoneSignInRoutes.ts'
import { checkAnswer } from './checkAnswer.ts'
import type { MobileIdProvider } from './mobileIdClient.ts'
import { verificationCode } from './verificationCode.ts'

/** What the Mobile-ID sign-in routes need. */
export interface MobileIdRouteOptions extends PhoneSignInOptions {
  provider: MobileIdProvider
  /** Issuing CAs trusted for eID (EID_TRUSTED_CA_FILE or the sandbox CA). */
  trustAnchors: X509Certificate[]
  /** Asks a certificate's OCSP responder, where it names one. */
  ocsp: OcspChecker
}

/** The Mobile-ID REST API's own results. */
const MOBILE_ID_RESULTS = [
  'OK',
  'TIMEOUT',
  'NOT_MID_CLIENT',
  'USER_CANCELLED',
  'SIGNATURE_HASH_MISMATCH',
  'PHONE_ABSENT',
  'DELIVERY_ERROR',
  'SIM_ERROR',
] as const

/** Estonian (+372) and Lithuanian (+370) mobile numbers. */
const PHONE_NUMBER = /^\+(372\d{7,8}|370\d{8})$/

const LANGUAGES: Record<string, string> = { et: 'EST', ru: 'RUS', lt: 'LIT' }

/** Mobile-ID's language for the request's Accept-Language. */
export function mobileIdLanguage(request: FastifyRequest): string {
  const header = request.headers['accept-language'] ?? ''
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase() ?? ''
  return LANGUAGES[first] ?? 'ENG'
}

interface MobileIdBody {
  phoneNumber: string
  personalCode: string
}

/**
 * Mobile-ID sign-in under `/api/auth/mobile-id`: the phone signs a random
 * SHA-256 hash; see phoneSignInRoutes for the routes.
 */
export async function mobileIdRoutes(
  app: FastifyInstance,
  options: MobileIdRouteOptions,
): Promise<void> {
  const { provider } = options
  await phoneSignInRoutes<MobileIdBody>(app, options, {
    method: 'mobile-id',
    label: 'Mobile-ID',
    bodyProperties: {
      phoneNumber: { type: 'string', maxLength: 20 },
      personalCode: { type: 'string', maxLength: 11 },
    },
    providerResults: MOBILE_ID_RESULTS,

    validate(body) {
      const phoneNumber = body.phoneNumber.replace(/[\s-]/g, '')
      if (!PHONE_NUMBER.test(phoneNumber)) {
        throw portalError('PHONE_NUMBER_INVALID', {
          details: [{ field: 'phoneNumber', problem: 'invalid' }],
        })
      }
      if (!isValidPersonalCode(body.personalCode)) refusePersonalCode()
      return { phoneNumber, personalCode: body.personalCode }
    },

    async start(request, body) {
      const hash = createHash('sha256').update(randomBytes(64)).digest()
      const providerSession = await provider.start({
        ...body,
        hash,
        hashType: 'SHA256',
        language: mobileIdLanguage(request),
      })
      return {
        providerSession,
        challenge: hash,
        challengeType: 'SHA256',
        verificationCode: verificationCode(hash),
      }
    },

    async poll(signIn, timeoutMs, now) {
      const status = await provider.status(signIn.provider_session, timeoutMs)
      if (status.state === 'RUNNING') return 'RUNNING'
      return checkAnswer(
        status,
        {
          hash: Buffer.from(signIn.hash, 'base64'),
          hashType: signIn.hash_type,
          personalCode: signIn.personal_code,
        },
        { anchors: options.trustAnchors, now, ocsp: options.ocsp },
      )
    },
  })
}
