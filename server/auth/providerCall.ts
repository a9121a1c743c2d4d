import { portalError, type CoreErrorCode } from '../errors.ts'

/** The portal's errors for one identity provider's failures. */
export interface ProviderErrors {
  /** Unreachable, timed out or answering 5xx. */
  unavailable: CoreErrorCode
  /** Any other answer that is not 2xx. */
  refused: CoreErrorCode
  /** 2xx whose body is not JSON. */
  badResponse: CoreErrorCode
  /** Statuses with an error of their own, e.g. 404 for no account. */
  byStatus?: Partial<Record<number, CoreErrorCode>>
}

/**
 * Calls an identity provider's JSON REST API and returns the parsed body,
 * or throws the provider's portal error for what went wrong.
 */
export async function callProvider(
  url: string,
  init: { method: 'GET' | 'POST'; body?: string },
  timeoutMs: number,
  errors: ProviderErrors,
): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch {
    throw portalError(errors.unavailable)
  }
  const own = errors.byStatus?.[response.status]
  if (own) throw portalError(own)
  if (response.status >= 500) throw portalError(errors.unavailable)
  if (!response.ok) throw portalError(errors.refused)
  try {
    return await response.json()
  } catch {
    throw portalError(errors.badResponse)
  }
}

/** Whether a parsed JSON value is an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
