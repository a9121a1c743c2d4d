/** Signature algorithms a Web eID token may name (JWA names). */
export const TOKEN_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'RS256',
  'RS384',
  'RS512',
] as const

/** One of TOKEN_ALGORITHMS. */
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number]

/**
 * A Web eID authentication token (format `web-eid:1.x`) as the browser
 * extension returns it. Later 1.x versions may add fields; they are ignored.
 */
export interface AuthToken {
  /** The authentication certificate, base64 DER; trusted only once checked. */
  unverifiedCertificate: string
  algorithm: TokenAlgorithm
  /** base64 signature over hash(origin) ‖ hash(nonce); ECDSA as raw R‖S. */
  signature: string
  /** `web-eid:1.0`, `web-eid:1.1`, … */
  format: string
  /** The Web eID application's URL and version, for diagnostics only. */
  appVersion?: string
}

const FORMAT = /^web-eid:1(\.\d{1,3})?$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function isAlgorithm(value: unknown): value is TokenAlgorithm {
  return TOKEN_ALGORITHMS.some((a) => a === value)
}

/**
 * The token when it has the Web eID 1.x shape: a major-version-1 format, a
 * known algorithm, and base64 certificate and signature. Undefined
 * otherwise (the portal refuses it as TOKEN_INVALID).
 */
export function readAuthToken(value: unknown): AuthToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const token = value as Record<string, unknown>
  const { unverifiedCertificate, algorithm, signature, format } = token
  if (typeof format !== 'string' || !FORMAT.test(format)) return undefined
  if (!isAlgorithm(algorithm)) return undefined
  if (typeof unverifiedCertificate !== 'string') return undefined
  if (typeof signature !== 'string') return undefined
  if (!BASE64.test(unverifiedCertificate) || !BASE64.test(signature)) {
    return undefined
  }
  const appVersion =
    typeof token.appVersion === 'string' ? token.appVersion : undefined
  return { unverifiedCertificate, algorithm, signature, format, appVersion }
}
