import { portalError } from '../../errors.ts'
import { callProvider, isRecord, type ProviderErrors } from '../providerCall.ts'

/** A sign-in to start with the Mobile-ID REST API. */
export interface MobileIdStart {
  phoneNumber: string
  personalCode: string
  /** The raw digest to sign, and its type (SHA256, SHA384, SHA512). */
  hash: Uint8Array
  hashType: string
  /** EST, ENG, RUS or LIT: the language of the phone's prompt. */
  language: string
}

/** A Mobile-ID session's state as the provider reports it. */
export type MobileIdStatus =
  | { state: 'RUNNING' }
  | {
      state: 'COMPLETE'
      result: string
      signature?: { value: string; algorithm: string }
      /** The signer's certificate, base64 DER. */
      cert?: string
    }

/** The Mobile-ID REST API as the portal uses it. */
export interface MobileIdProvider {
  /** Starts authentication; returns the provider's session id. */
  start(request: MobileIdStart): Promise<string>
  /** Long-polls the session for at most `timeoutMs` (1000 or more). */
  status(sessionId: string, timeoutMs: number): Promise<MobileIdStatus>
}

/** Where the Mobile-ID REST API is and who the portal is to it. */
export interface MobileIdSettings {
  url: string
  rpUuid: string
  rpName: string
  /** Text the phone shows with the prompt (at most 40 characters). */
  displayText?: string
}

/** The portal's errors for Mobile-ID's failures. */
export const MOBILE_ID_ERRORS: ProviderErrors = {
  unavailable: 'MOBILE_ID_UNAVAILABLE',
  refused: 'MOBILE_ID_REFUSED',
  badResponse: 'MOBILE_ID_BAD_RESPONSE',
}

/** A session status answer as the portal reads it. */
export function toMobileIdStatus(body: unknown): MobileIdStatus {
  if (!isRecord(body)) throw portalError('MOBILE_ID_BAD_RESPONSE')
  if (body.state === 'RUNNING') return { state: 'RUNNING' }
  if (body.state !== 'COMPLETE' || typeof body.result !== 'string') {
    throw portalError('MOBILE_ID_BAD_RESPONSE')
  }
  const status: MobileIdStatus = { state: 'COMPLETE', result: body.result }
  const { signature, cert } = body
  if (
    isRecord(signature) &&
    typeof signature.value === 'string' &&
    typeof signature.algorithm === 'string'
  ) {
    status.signature = {
      value: signature.value,
      algorithm: signature.algorithm,
    }
  }
  if (typeof cert === 'string') status.cert = cert
  return status
}

/**
 * The two calls every Mobile-ID session makes, for authentication and
 * signing alike: start one at `kind` (`authentication` or `signature`)
 * with a JSON body, and long-poll its state.
 */
export function mobileIdSessions(
  base: string,
  kind: 'authentication' | 'signature',
) {
  return {
    async start(body: object): Promise<string> {
      const answer = await callProvider(
        `${base}/${kind}`,
        { method: 'POST', body: JSON.stringify(body) },
        10_000,
        MOBILE_ID_ERRORS,
      )
      if (!isRecord(answer) || typeof answer.sessionID !== 'string') {
        throw portalError('MOBILE_ID_BAD_RESPONSE')
      }
      return answer.sessionID
    },

    async status(
      sessionId: string,
      timeoutMs: number,
    ): Promise<MobileIdStatus> {
      const url =
        `${base}/${kind}/session/${encodeURIComponent(sessionId)}` +
        `?timeoutMs=${timeoutMs}`
      const answer = await callProvider(
        url,
        { method: 'GET' },
        timeoutMs + 10_000,
        MOBILE_ID_ERRORS,
      )
      return toMobileIdStatus(answer)
    },
  }
}

/**
 * A client of the Mobile-ID REST API (SK ID Solutions' mid-rest-api).
 * Unreachable or failing service: MOBILE_ID_UNAVAILABLE; a refused request
 * (bad relying party, bad input): MOBILE_ID_REFUSED.
 */
export function createMobileIdClient(
  settings: MobileIdSettings,
): MobileIdProvider {
  const sessions = mobileIdSessions(
    settings.url.replace(/\/+$/, ''),
    'authentication',
  )
  return {
    start: (request) =>
      sessions.start({
        relyingPartyUUID: settings.rpUuid,
        relyingPartyName: settings.rpName,
        phoneNumber: request.phoneNumber,
        nationalIdentityNumber: request.personalCode,
        hash: Buffer.from(request.hash).toString('base64'),
        hashType: request.hashType,
        language: request.language,
        displayText: settings.displayText ?? 'Citizen Portal',
      }),
    status: (sessionId, timeoutMs) => sessions.status(sessionId, timeoutMs),
  }
}
