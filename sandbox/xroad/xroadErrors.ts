/**
 * The faults the sandbox security server answers with itself, declared
 * once. Types are X-Road's own (PR-REST 4.6; codes as in the X-Road
 * security server): `Client.*` when the request breaks the protocol,
 * `Server.ServerProxy.*` when the provider side refuses or fails.
 *
 * PR-REST uses only 400 and 500. The sandbox answers a client's fault with
 * a 4xx that says which one (403 denied, 404 unknown service, 413 too
 * large), so the portal can tell them apart; provider faults stay 500.
 */

interface FaultSpec {
  type: string
  status: number
  message: string
}

export const XROAD_FAULTS = {
  BAD_REQUEST: {
    type: 'Client.BadRequest',
    status: 400,
    message:
      'The request does not follow the X-Road Message Protocol for REST (r1).',
  },
  INVALID_PROTOCOL_VERSION: {
    type: 'Client.InvalidProtocolVersion',
    status: 400,
    message: 'This security server speaks protocol version r1 only.',
  },
  INVALID_HTTP_METHOD: {
    type: 'Client.InvalidHttpMethod',
    status: 405,
    message: 'Metaservices answer GET requests only.',
  },
  BODY_TOO_LARGE: {
    type: 'Client.BadRequest',
    status: 413,
    message: 'The request body is larger than this security server accepts.',
  },
  UNKNOWN_SERVICE: {
    type: 'Server.ServerProxy.UnknownService',
    status: 404,
    message: 'Unknown service.',
  },
  ACCESS_DENIED: {
    type: 'Server.ServerProxy.AccessDenied',
    status: 403,
    message: 'Request is not allowed.',
  },
  NOT_FOUND: {
    type: 'Server.ServerProxy.NotFound',
    status: 404,
    message: 'The service has no OpenAPI description.',
  },
  NETWORK_ERROR: {
    type: 'Server.ServerProxy.NetworkError',
    status: 500,
    message: 'The provider could not be reached.',
  },
  SERVICE_FAILED: {
    type: 'Server.ServerProxy.ServiceFailed',
    status: 500,
    message: 'The provider did not answer properly.',
  },
  INTERNAL_ERROR: {
    type: 'Server.ServerProxy.InternalError',
    status: 500,
    message: 'The security server failed.',
  },
} as const satisfies Record<string, FaultSpec>

export type XRoadFaultCode = keyof typeof XROAD_FAULTS

/** The JSON body of a security server's own error (PR-REST 4.6). */
export interface XRoadFaultBody {
  type: string
  message: string
  /** Identifies this occurrence; the sandbox uses the request id. */
  detail: string
}

/** A fault the security server answers with, thrown where it is found. */
export class XRoadFault extends Error {
  override name = 'XRoadFault'
  readonly type: string
  readonly status: number

  constructor(
    readonly code: XRoadFaultCode,
    message?: string,
  ) {
    const spec: FaultSpec = XROAD_FAULTS[code]
    super(message ?? spec.message)
    this.type = spec.type
    this.status = spec.status
  }
}
