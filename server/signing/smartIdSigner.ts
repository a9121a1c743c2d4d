import { callProvider, isRecord } from '../auth/providerCall.ts'
import {
  encodeInteractions,
  type SmartIdInteraction,
} from '../auth/smartId/acspV2.ts'
import {
  SMART_ID_START_ERRORS,
  SMART_ID_STATUS_ERRORS,
  toSmartIdStatus,
  type SmartIdSettings,
  type SmartIdStatus,
} from '../auth/smartId/smartIdClient.ts'
import { portalError } from '../errors.ts'

/** A RAW_DIGEST_SIGNATURE signature to start by ETSI identifier. */
export interface SmartIdSignatureStart {
  personalCode: string
  digest: Uint8Array
  /** SHA-512 and the like. */
  hashAlgorithm: string
  interactions: readonly SmartIdInteraction[]
}

/** The Smart-ID RP API v3 signing calls as the portal uses them. */
export interface SmartIdSigner {
  /** Starts a notification signature; the session id and the app's code. */
  start(
    request: SmartIdSignatureStart,
  ): Promise<{ sessionId: string; verificationCode?: string }>
  /** Long-polls the session for at most `timeoutMs`. */
  status(sessionId: string, timeoutMs: number): Promise<SmartIdStatus>
}

/**
 * A client of the Smart-ID RP API v3 notification-based signature with
 * the RAW_DIGEST_SIGNATURE protocol (RSASSA-PSS over the digest), by the
 * ETSI identifier PNOEE-<code>, with the sign-in client's errors.
 */
export function createSmartIdSigner(settings: SmartIdSettings): SmartIdSigner {
  const base = settings.url.replace(/\/+$/, '')
  return {
    async start(request) {
      const semanticsId = `PNOEE-${request.personalCode}`
      const body = await callProvider(
        `${base}/signature/notification/etsi/${semanticsId}`,
        {
          method: 'POST',
          body: JSON.stringify({
            relyingPartyUUID: settings.rpUuid,
            relyingPartyName: settings.rpName,
            certificateLevel: 'QUALIFIED',
            signatureProtocol: 'RAW_DIGEST_SIGNATURE',
            signatureProtocolParameters: {
              digest: Buffer.from(request.digest).toString('base64'),
              signatureAlgorithm: 'rsassa-pss',
              signatureAlgorithmParameters: {
                hashAlgorithm: request.hashAlgorithm,
              },
            },
            interactions: encodeInteractions(request.interactions),
          }),
        },
        10_000,
        SMART_ID_START_ERRORS,
      )
      if (!isRecord(body) || typeof body.sessionID !== 'string') {
        throw portalError('SMART_ID_BAD_RESPONSE')
      }
      const vc = isRecord(body.vc) ? body.vc.value : undefined
      return {
        sessionId: body.sessionID,
        verificationCode:
          typeof vc === 'string' && /^\d{4}$/.test(vc) ? vc : undefined,
      }
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
