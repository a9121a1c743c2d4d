import { AxiosError } from 'axios'
import { http } from './http'
import { readUser, type SessionUser } from './session'

/** The Web eID authentication token the extension hands to the page. */
export interface WebEidAuthToken {
  unverifiedCertificate: string
  algorithm: string
  signature: string
  format: string
  appVersion?: string
}

/**
 * Why the Web eID extension did not give a token: its own error code
 * (`ERR_WEBEID_USER_CANCELLED`, `ERR_WEBEID_NATIVE_UNAVAILABLE`, …) or
 * `ERR_WEBEID_EXTENSION_UNAVAILABLE` when no extension answered.
 */
export class WebEidError extends Error {
  override name = 'WebEidError'
  constructor(readonly code: string) {
    super(`Web eID: ${code}`)
  }
}

/** The library version the portal speaks to the extension as (SemVer). */
const LIBRARY_VERSION = '2.0.0'

const ACTION = 'web-eid:authenticate'

/** Gets a challenge nonce for this browser from the portal. */
export async function fetchWebEidChallenge(): Promise<string> {
  const { data } = await http.get<{ nonce?: unknown }>(
    '/auth/web-eid/challenge',
  )
  if (typeof data.nonce !== 'string') {
    throw new AxiosError('The answer has no challenge nonce.')
  }
  return data.nonce
}

function readToken(message: Record<string, unknown>): WebEidAuthToken {
  const { unverifiedCertificate, algorithm, signature, format, appVersion } =
    message
  if (
    typeof unverifiedCertificate !== 'string' ||
    typeof algorithm !== 'string' ||
    typeof signature !== 'string' ||
    typeof format !== 'string'
  ) {
    throw new WebEidError('ERR_WEBEID_UNKNOWN_ERROR')
  }
  return {
    unverifiedCertificate,
    algorithm,
    signature,
    format,
    appVersion: typeof appVersion === 'string' ? appVersion : undefined,
  }
}

function errorCode(message: Record<string, unknown>): string {
  const code = (message.error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^ERR_WEBEID_[A-Z_]+$/.test(code)
    ? code
    : 'ERR_WEBEID_UNKNOWN_ERROR'
}

/**
 * Asks the Web eID browser extension to sign the nonce with the ID-card
 * (the citizen enters PIN1 in the Web eID application). The extension talks
 * to the page by `window.postMessage`: it acknowledges the request at once
 * (`…-ack`), then answers `…-success` with the token or `…-failure`.
 */
export function requestWebEidToken(
  challengeNonce: string,
  options: {
    lang?: string
    /** No acknowledgement in this time: no extension. */
    ackTimeoutMs?: number
    /** How long the citizen has for the card and PIN. */
    userTimeoutMs?: number
    target?: Window
  } = {},
): Promise<WebEidAuthToken> {
  const target = options.target ?? window
  const ackTimeoutMs = options.ackTimeoutMs ?? 2000
  const userTimeoutMs = options.userTimeoutMs ?? 2 * 60 * 1000

  return new Promise((resolve, reject) => {
    let timer = setTimeout(
      () => finish(new WebEidError('ERR_WEBEID_EXTENSION_UNAVAILABLE')),
      ackTimeoutMs,
    )
    const finish = (outcome: WebEidAuthToken | WebEidError) => {
      clearTimeout(timer)
      target.removeEventListener('message', onMessage)
      if (outcome instanceof WebEidError) reject(outcome)
      else resolve(outcome)
    }
    const onMessage = (event: MessageEvent) => {
      // Only the extension's content script, which posts as this window.
      if (event.source !== target || event.origin !== target.location.origin) {
        return
      }
      const message = event.data as Record<string, unknown> | null
      if (!message || typeof message.action !== 'string') return
      if (message.action === `${ACTION}-ack`) {
        clearTimeout(timer)
        timer = setTimeout(
          () => finish(new WebEidError('ERR_WEBEID_USER_TIMEOUT')),
          userTimeoutMs,
        )
      } else if (message.action === `${ACTION}-success`) {
        try {
          finish(readToken(message))
        } catch (error) {
          finish(error as WebEidError)
        }
      } else if (message.action === `${ACTION}-failure`) {
        finish(new WebEidError(errorCode(message)))
      }
    }

    target.addEventListener('message', onMessage)
    target.postMessage(
      {
        action: ACTION,
        libraryVersion: LIBRARY_VERSION,
        challengeNonce,
        options: options.lang ? { lang: options.lang } : {},
      },
      target.location.origin,
    )
  })
}

/**
 * Sends the token to the portal, which validates it and signs the citizen
 * in. Throws what the API threw (NONCE_INVALID, SIGNATURE_INVALID,
 * CERTIFICATE_*, OCSP_UNAVAILABLE, …).
 */
export async function submitWebEidToken(
  authToken: WebEidAuthToken,
): Promise<SessionUser | null> {
  const { data } = await http.post<unknown>('/auth/web-eid', { authToken })
  return readUser(data)
}
