import {
  MOBILE_ID_ERRORS,
  mobileIdSessions,
  type MobileIdSettings,
  type MobileIdStatus,
} from '../auth/mobileId/mobileIdClient.ts'
import { callProvider, isRecord } from '../auth/providerCall.ts'
import { portalError } from '../errors.ts'

/** A signature to start with the Mobile-ID REST API. */
export interface MobileIdSignatureStart {
  phoneNumber: string
  personalCode: string
  /** The transfer's digest and its type (SHA256). */
  hash: Uint8Array
  hashType: string
  /** EST, ENG, RUS or LIT. */
  language: string
  displayText: string
  displayTextFormat: 'GSM-7' | 'UCS-2'
}

/** The Mobile-ID REST API's signing calls as the portal uses them. */
export interface MobileIdSigner {
  /**
   * The person's signing certificate (base64 DER) for this phone, or
   * undefined when Mobile-ID answers NOT_FOUND.
   */
  certificate(
    phoneNumber: string,
    personalCode: string,
  ): Promise<string | undefined>
  /** Starts a signature; returns the provider's session id. */
  start(request: MobileIdSignatureStart): Promise<string>
  /** Long-polls the signature session for at most `timeoutMs`. */
  status(sessionId: string, timeoutMs: number): Promise<MobileIdStatus>
}

/**
 * A client of the Mobile-ID REST API's signing: POST /certificate, POST
 * /signature and GET /signature/session/{id}, with the sign-in client's
 * errors (MOBILE_ID_UNAVAILABLE, MOBILE_ID_REFUSED, …).
 */
export function createMobileIdSigner(
  settings: MobileIdSettings,
): MobileIdSigner {
  const base = settings.url.replace(/\/+$/, '')
  const signatures = mobileIdSessions(base, 'signature')
  const party = {
    relyingPartyUUID: settings.rpUuid,
    relyingPartyName: settings.rpName,
  }
  return {
    async certificate(phoneNumber, personalCode) {
      const body = await callProvider(
        `${base}/certificate`,
        {
          method: 'POST',
          body: JSON.stringify({
            ...party,
            phoneNumber,
            nationalIdentityNumber: personalCode,
          }),
        },
        10_000,
        MOBILE_ID_ERRORS,
      )
      if (!isRecord(body)) throw portalError('MOBILE_ID_BAD_RESPONSE')
      if (body.result === 'NOT_FOUND') return undefined
      if (body.result !== 'OK' || typeof body.cert !== 'string') {
        throw portalError('MOBILE_ID_BAD_RESPONSE')
      }
      return body.cert
    },

    start: (request) =>
      signatures.start({
        ...party,
        phoneNumber: request.phoneNumber,
        nationalIdentityNumber: request.personalCode,
        hash: Buffer.from(request.hash).toString('base64'),
        hashType: request.hashType,
        language: request.language,
        displayText: request.displayText,
        displayTextFormat: request.displayTextFormat,
      }),

    status: (sessionId, timeoutMs) => signatures.status(sessionId, timeoutMs),
  }
}
