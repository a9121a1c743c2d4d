import { randomBytes } from 'node:crypto'
import type { OcspChecker } from '../../eid/ocsp/ocspClient.ts'
import type { X509Certificate } from '@peculiar/x509'
import type { FastifyInstance } from 'fastify'
import { isValidPersonalCode } from '../../../common/personalCode.ts'
import {
  refusePersonalCode,
  phoneSignInRoutes,
  type PhoneSignInOptions,
} from '../phoneSignInRoutes.ts'
import { checkSmartIdAnswer } from './checkAnswer.ts'
import { SMART_ID_END_RESULTS } from './endResults.ts'
import {
  SMART_ID_HASH_ALGORITHM,
  type SmartIdProvider,
} from './smartIdClient.ts'
import { smartIdVerificationCode } from './verificationCode.ts'

/** What the Smart-ID sign-in routes need. */
export interface SmartIdRouteOptions extends PhoneSignInOptions {
  provider: SmartIdProvider
  /** Issuing CAs trusted for eID (EID_TRUSTED_CA_FILE or the sandbox CA). */
  trustAnchors: X509Certificate[]
  /** Asks a certificate's OCSP responder, where it names one. */
  ocsp: OcspChecker
}

/**
 * Smart-ID sign-in under `/api/auth/smart-id` (`{personalCode}`): a
 * notification to the citizen's Smart-ID app with a fresh 64-byte
 * rpChallenge, whose verification code the browser shows at once; see
 * phoneSignInRoutes for the routes.
 */
export async function smartIdRoutes(
  app: FastifyInstance,
  options: SmartIdRouteOptions,
): Promise<void> {
  const { provider } = options
  await phoneSignInRoutes<{ personalCode: string }>(app, options, {
    method: 'smart-id',
    label: 'Smart-ID',
    bodyProperties: { personalCode: { type: 'string', maxLength: 11 } },
    providerResults: Object.keys(SMART_ID_END_RESULTS),

    validate(body) {
      if (!isValidPersonalCode(body.personalCode)) refusePersonalCode()
      return { personalCode: body.personalCode }
    },

    async start(_request, body) {
      const rpChallenge = randomBytes(64)
      const providerSession = await provider.start({
        personalCode: body.personalCode,
        rpChallenge,
      })
      return {
        providerSession,
        challenge: rpChallenge,
        challengeType: SMART_ID_HASH_ALGORITHM,
        verificationCode: smartIdVerificationCode(rpChallenge),
      }
    },

    async poll(signIn, timeoutMs, now) {
      const status = await provider.status(signIn.provider_session, timeoutMs)
      if (status.state === 'RUNNING') return 'RUNNING'
      return checkSmartIdAnswer(
        status,
        {
          rpChallenge: Buffer.from(signIn.hash, 'base64'),
          hashAlgorithm: signIn.hash_type,
          personalCode: signIn.personal_code,
          relyingPartyName: provider.relyingPartyName,
          interactions: provider.interactions,
        },
        { anchors: options.trustAnchors, now, ocsp: options.ocsp },
      )
    },
  })
}
