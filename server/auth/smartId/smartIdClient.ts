import { portalError } from '../../errors.ts'
import { callProvider, isRecord, type ProviderErrors } from '../providerCall.ts'
import { encodeInteractions } from './acspV2.ts'

/** The hash algorithm the portal asks the Smart-ID app to sign with. */
export const SMART_ID_HASH_ALGORITHM = 'SHA-512'

/** A notification-based authentication to start. */
export interface SmartIdStart {
  /** Estonian personal code: the ETSI identifier is PNOEE-<code>. */
  personalCode: string
  /** 32 to 64 random bytes, fresh for every sign-in. */
  rpChallenge: Uint8Array
}

/** The ACSP_V2 signature object of a completed session, as received. */
export interface SmartIdSignature {
  value: string
  serverRandom: string
  userChallenge: string
  flowType: string
  signatureAlgorithm: string
  hashAlgorithm?: string
  maskHashAlgorithm?: string
  saltLength?: number
  trailerField?: string
}

/** A Smart-ID session's state as the RP API reports it. */
export type SmartIdStatus =
  | { state: 'RUNNING' }
  | {
      state: 'COMPLETE'
      endResult: string
      documentNumber?: string
      signatureProtocol?: string
      signature?: SmartIdSignature
      /** The authentication certificate, base64 DER. */
      cert?: string
      interactionTypeUsed?: string
    }

/** The Smart-ID RP API v3 as the portal uses it. */
export interface SmartIdProvider {
  /** The relying party name sent with every request. */
  readonly relyingPartyName: string
  /** The `interactions` string sent with every request, exactly. */
  readonly interactions: string
  /** Starts a notification-based authentication; the session id. */
  start(request: SmartIdStart): Promise<string>
  /** Long-polls the session for at most `timeoutMs` (1000 or more). */
  status(sessionId: string, timeoutMs: number): Promise<SmartIdStatus>
}

/** Where the Smart-ID RP API is and who the portal is to it. */
export interface SmartIdSettings {
  /** The API base, e.g. `https://rp-api.smart-id.com/v3`. */
  url: string
  rpUuid: string
  rpName: string
  /** What the app shows above the PIN entry (at most 60 characters). */
  displayText?: string
}

/** The portal's errors for failures to start a Smart-ID session. */
export const SMART_ID_START_ERRORS: ProviderErrors = {
  unavailable: 'SMART_ID_UNAVAILABLE',
  refused: 'SMART_ID_REFUSED',
  badResponse: 'SMART_ID_BAD_RESPONSE',
  byStatus: {
    404: 'SMART_ID_ACCOUNT_NOT_FOUND',
    471: 'SMART_ID_ACCOUNT_UNUSABLE',
    472: 'SMART_ID_ACCOUNT_UNUSABLE',
    580: 'SMART_ID_UNAVAILABLE',
  },
}

/** The portal's errors for failures to poll a Smart-ID session. */
export const SMART_ID_STATUS_ERRORS: ProviderErrors = {
  ...SMART_ID_START_ERRORS,
  byStatus: { ...SMART_ID_START_ERRORS.byStatus, 404: 'SMART_ID_REFUSED' },
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

function toSignature(value: unknown): SmartIdSignature | undefined {
  if (!isRecord(value)) return undefined
  const params = isRecord(value.signatureAlgorithmParameters)
    ? value.signatureAlgorithmParameters
    : {}
  const mask = isRecord(params.maskGenAlgorithm) ? params.maskGenAlgorithm : {}
  const maskParams = isRecord(mask.parameters) ? mask.parameters : {}
  return {
    value: text(value.value),
    serverRandom: text(value.serverRandom),
    userChallenge: text(value.userChallenge),
    flowType: text(value.flowType),
    signatureAlgorithm: text(value.signatureAlgorithm),
    hashAlgorithm: text(params.hashAlgorithm),
    maskHashAlgorithm:
      mask.algorithm === 'id-mgf1' ? text(maskParams.hashAlgorithm) : '',
    saltLength:
      typeof params.saltLength === 'number' ? params.saltLength : undefined,
    trailerField: text(params.trailerField),
  }
}

/** A session status answer as the portal reads it. */
export function toSmartIdStatus(body: unknown): SmartIdStatus {
  if (!isRecord(body)) throw portalError('SMART_ID_BAD_RESPONSE')
  if (body.state === 'RUNNING') return { state: 'RUNNING' }
  const result = isRecord(body.result) ? body.result : {}
  if (body.state !== 'COMPLETE' || typeof result.endResult !== 'string') {
    throw portalError('SMART_ID_BAD_RESPONSE')
  }
  const cert = isRecord(body.cert) ? body.cert.value : undefined
  return {
    state: 'COMPLETE',
    endResult: result.endResult,
    documentNumber: text(result.documentNumber) || undefined,
    signatureProtocol: text(body.signatureProtocol) || undefined,
    signature: toSignature(body.signature),
    cert: typeof cert === 'string' ? cert : undefined,
    interactionTypeUsed: text(body.interactionTypeUsed) || undefined,
  }
}

/**
 * A client of the Smart-ID RP API v3 (SK ID Solutions): notification-based
 * authentication by ETSI semantics identifier with the ACSP_V2 signature
 * protocol and the displayTextAndPIN interaction. Unreachable, failing or
 * in maintenance: SMART_ID_UNAVAILABLE; no account: SMART_ID_ACCOUNT_NOT_FOUND;
 * an account to fix in the app: SMART_ID_ACCOUNT_UNUSABLE; any other
 * refusal (relying party, bad request): SMART_ID_REFUSED.
 */
export function createSmartIdClient(
  settings: SmartIdSettings,
): SmartIdProvider {
  const base = settings.url.replace(/\/+$/, '')
  const interactions = encodeInteractions([
    {
      type: 'displayTextAndPIN',
      displayText60: settings.displayText ?? 'Sign in to Citizen Portal',
    },
  ])
  return {
    relyingPartyName: settings.rpName,
    interactions,

    async start(request) {
      const semanticsId = `PNOEE-${request.personalCode}`
      const body = await callProvider(
        `${base}/authentication/notification/etsi/${semanticsId}`,
        {
          method: 'POST',
          body: JSON.stringify({
            relyingPartyUUID: settings.rpUuid,
            relyingPartyName: settings.rpName,
            certificateLevel: 'QUALIFIED',
            signatureProtocol: 'ACSP_V2',
            signatureProtocolParameters: {
              rpChallenge: Buffer.from(request.rpChallenge).toString('base64'),
              signatureAlgorithm: 'rsassa-pss',
              signatureAlgorithmParameters: {
                hashAlgorithm: SMART_ID_HASH_ALGORITHM,
              },
            },
            interactions,
            vcType: 'numeric4',
          }),
        },
        10_000,
        SMART_ID_START_ERRORS,
      )
      if (!isRecord(body) || typeof body.sessionID !== 'string') {
        throw portalError('SMART_ID_BAD_RESPONSE')
      }
      return body.sessionID
    },

    async status(sessionId, timeoutMs) {
      const url =
        `${base}/session/${encodeURIComponent(sessionId)}` +
        `?timeoutMs=${timeoutMs}`
      const body = await callProvider(
        url,
        { method: 'GET' },
        timeoutMs + 10_000,
        SMART_ID_STATUS_ERRORS,
      )
      return toSmartIdStatus(body)
    },
  }
}
