/**
 * Every error the portal core answers with, declared once: a stable code, an
 * HTTP status and an English message. The PWA shows citizens translated text
 * chosen by the code. Retired codes are never reused.
 */

interface ErrorSpec {
  status: number
  message: string
}

export const CORE_ERRORS = {
  BAD_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Send the request body as application/json.',
  },
  PERIOD_INVALID: {
    status: 400,
    message:
      'The period is not valid: give its first and last day, YYYY-MM-DD.',
  },
  REGISTER_UNKNOWN: {
    status: 400,
    message: 'The portal does not know this register.',
  },
  EXPLANATION_ID_TAKEN: {
    status: 409,
    message: 'Another request already has this id.',
  },
  REGISTER_REFUSED: {
    status: 502,
    message: 'The register did not take the request. Try again later.',
  },
  NOT_FOUND: { status: 404, message: 'There is nothing at this address.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed.' },
  CROSS_ORIGIN_REFUSED: {
    status: 403,
    message: 'The request did not come from the portal.',
  },
  SIGN_IN_REQUIRED: { status: 401, message: 'Sign in to continue.' },
  ASSURANCE_TOO_LOW: {
    status: 403,
    message: 'This service needs a stronger sign-in.',
  },
  RATE_LIMITED: {
    status: 429,
    message: 'Too many attempts. Wait a moment and try again.',
  },
  PHONE_NUMBER_INVALID: {
    status: 400,
    message:
      'Enter the phone number in international form, e.g. +37251234567 or +37061234567.',
  },
  PERSONAL_CODE_INVALID: {
    status: 400,
    message: 'The personal code is not valid: check its eleven digits.',
  },
  MOBILE_ID_UNAVAILABLE: {
    status: 502,
    message:
      'Mobile-ID could not be reached. Try again later or sign in another way.',
  },
  MOBILE_ID_REFUSED: {
    status: 502,
    message: 'Mobile-ID refused the portal’s request. Try again later.',
  },
  MOBILE_ID_BAD_RESPONSE: {
    status: 502,
    message: 'Mobile-ID answered something the portal cannot read.',
  },
  SMART_ID_UNAVAILABLE: {
    status: 502,
    message:
      'Smart-ID could not be reached. Try again later or sign in another way.',
  },
  SMART_ID_REFUSED: {
    status: 502,
    message: 'Smart-ID refused the portal’s request. Try again later.',
  },
  SMART_ID_BAD_RESPONSE: {
    status: 502,
    message: 'Smart-ID answered something the portal cannot read.',
  },
  SMART_ID_ACCOUNT_NOT_FOUND: {
    status: 400,
    message:
      'There is no Smart-ID account for this personal code. Check it, or sign in another way.',
  },
  SMART_ID_ACCOUNT_UNUSABLE: {
    status: 400,
    message:
      'Your Smart-ID account cannot be used at the moment. Open the Smart-ID app or its self-service portal to see why.',
  },
  TOKEN_INVALID: {
    status: 400,
    message: 'The ID-card answer is not a Web eID authentication token.',
  },
  NONCE_INVALID: {
    status: 401,
    message:
      'The ID-card sign-in has expired or was already used. Start again.',
  },
  SIGNATURE_INVALID: {
    status: 401,
    message: 'The ID-card signature could not be verified.',
  },
  CERTIFICATE_UNTRUSTED: {
    status: 401,
    message: 'The certificate is not issued by an authority the portal trusts.',
  },
  CERTIFICATE_EXPIRED: {
    status: 401,
    message: 'The certificate has expired. Renew it at the police or online.',
  },
  CERTIFICATE_NOT_YET_VALID: {
    status: 401,
    message: 'The certificate is not valid yet.',
  },
  CERTIFICATE_NOT_FOR_AUTHENTICATION: {
    status: 401,
    message: 'The certificate is not meant for signing in.',
  },
  CERTIFICATE_POLICY_REFUSED: {
    status: 401,
    message:
      'This certificate cannot be used for ID-card sign-in. Use Mobile-ID instead.',
  },
  CERTIFICATE_REVOKED: {
    status: 401,
    message: 'The certificate has been revoked.',
  },
  CERTIFICATE_STATUS_UNKNOWN: {
    status: 401,
    message: 'The certificate’s issuer does not know this certificate.',
  },
  // 502, not 4xx: the citizen's card may be fine; the issuer's responder
  // failed, and the same request can succeed later. Fail closed all the same.
  OCSP_UNAVAILABLE: {
    status: 502,
    message:
      'The certificate’s validity could not be confirmed. Try again later.',
  },
  CERTIFICATE_NOT_FOR_SIGNING: {
    status: 401,
    message:
      'The certificate is not meant for signing: use the signing certificate (PIN2).',
  },
  IDENTITY_MISMATCH: {
    status: 403,
    message:
      'The certificate belongs to someone else than the signed-in person.',
  },
  MOBILE_ID_NOT_FOR_SIGNING: {
    status: 400,
    message:
      'Mobile-ID has no signing certificate for this phone number and your personal code.',
  },
  SIGNING_ALREADY_COMPLETE: {
    status: 409,
    message:
      'This signature is already complete. Start a new one to sign again.',
  },
  TRANSFER_SIGNATURE_UNKNOWN: {
    status: 403,
    message: 'There is no completed signature of yours with this id.',
  },
  TRANSFER_SIGNATURE_MISMATCH: {
    status: 403,
    message:
      'The signature was made for another transfer: sign this transfer again.',
  },
  TRANSFER_SIGNATURE_EXPIRED: {
    status: 403,
    message:
      'The signature is more than five minutes old: sign the transfer again.',
  },
  TRANSFER_SIGNATURE_USED: {
    status: 409,
    message: 'This signature has already been used for a transfer.',
  },
  SERVICE_NOT_DECLARED: {
    status: 500,
    message: 'The service module called an X-Road service it did not declare.',
  },
  XROAD_UNAVAILABLE: {
    status: 502,
    message: 'The agency’s service could not be reached. Try again later.',
  },
  XROAD_TIMEOUT: {
    status: 504,
    message: 'The agency’s service did not answer in time. Try again later.',
  },
  XROAD_BAD_RESPONSE: {
    status: 502,
    message: 'The agency’s service answered something the portal cannot read.',
  },
  XROAD_ACCESS_DENIED: {
    status: 502,
    message: 'The portal is not allowed to use this agency’s service.',
  },
  XROAD_UNKNOWN_SERVICE: {
    status: 502,
    message: 'The agency’s service is not available through the portal now.',
  },
  XROAD_SERVICE_FAILED: {
    status: 502,
    message: 'The agency’s service failed to answer. Try again later.',
  },
  XROAD_CLIENT_FAULT: {
    status: 500,
    message:
      'Something went wrong on our side while asking the agency. Try again later.',
  },
  XROAD_CIRCUIT_OPEN: {
    status: 503,
    message:
      'The agency’s service is not answering at the moment. Try again in a few minutes.',
  },
  RECIPIENT_UNKNOWN: {
    status: 404,
    message: 'The population register knows no one with this personal code.',
  },
  SELF_TRANSFER: {
    status: 400,
    message: 'You cannot send EstCoin to yourself.',
  },
  AMOUNT_INVALID: {
    status: 400,
    message: 'The amount must be a positive whole number of cents.',
  },
  INSUFFICIENT_FUNDS: {
    status: 409,
    message: 'Your balance does not cover the amount.',
  },
  TRANSFER_ID_INVALID: {
    status: 400,
    message: 'The transfer id must be a random (not a version 5) UUID.',
  },
  TRANSFER_ID_REUSED: {
    status: 409,
    message:
      'Another transfer already has this id. A retry must send the same details.',
  },
  SIGNATURE_REQUIRED: {
    status: 403,
    message: 'A transfer of this size needs your signature.',
  },
  MONTH_INVALID: {
    status: 400,
    message: 'Give the month as YYYY-MM, e.g. 2026-12.',
  },
  NOT_AVAILABLE: {
    status: 503,
    message: 'The portal is not ready yet. Try again in a moment.',
  },
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on our side. Try again later.',
  },
} as const satisfies Record<string, ErrorSpec>

export type CoreErrorCode = keyof typeof CORE_ERRORS

/** An error with a stable code that the error handler answers as JSON. */
export class PortalError extends Error {
  override name = 'PortalError'

  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

/** Makes the named core error, optionally with another message or details. */
export function portalError(
  code: CoreErrorCode,
  options: {
    message?: string
    details?: unknown
    headers?: Record<string, string>
  } = {},
): PortalError {
  const spec: ErrorSpec = CORE_ERRORS[code]
  return new PortalError(
    code,
    spec.status,
    options.message ?? spec.message,
    options.details,
    options.headers,
  )
}

/** The JSON body every error is answered with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

/** JSON schema of ErrorBody, for the OpenAPI description. */
export const errorBodySchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
      },
    },
  },
} as const
