import http, {
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http'
import https from 'node:https'
import { XRoadFault } from './xroadErrors.ts'

/** One request to a provider's information system. */
export interface ProviderRequest {
  url: URL
  method: string
  headers: OutgoingHttpHeaders
  body: Buffer
  timeoutMs: number
  maxResponseBytes: number
  /** Reused connections for plain-HTTP providers. */
  agent?: http.Agent
}

/** The provider's answer, read whole. */
export interface ProviderResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/**
 * Sends a request to a provider and reads its answer. Redirects are not
 * followed (PR-REST 4.4). Throws NETWORK_ERROR when the provider cannot be
 * reached and SERVICE_FAILED when it does not answer in time or answers
 * more than `maxResponseBytes`.
 */
export function forwardToProvider(
  request: ProviderRequest,
): Promise<ProviderResponse> {
  const secure = request.url.protocol === 'https:'
  const client = secure ? https : http
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (fault: XRoadFault) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      outgoing.destroy()
      reject(fault)
    }
    // A deadline for the whole exchange, not just an idle socket.
    const deadline = setTimeout(
      () =>
        fail(
          new XRoadFault(
            'SERVICE_FAILED',
            `The provider did not answer within ${request.timeoutMs} ms.`,
          ),
        ),
      request.timeoutMs,
    )

    const outgoing = client.request(
      request.url,
      {
        method: request.method,
        headers: request.headers,
        // The keep-alive agent speaks plain HTTP, as sandbox providers do.
        agent: secure ? undefined : request.agent,
      },
      (incoming) => {
        const chunks: Buffer[] = []
        let size = 0
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > request.maxResponseBytes) {
            fail(
              new XRoadFault(
                'SERVICE_FAILED',
                `The provider's answer is larger than ${request.maxResponseBytes} bytes.`,
              ),
            )
            return
          }
          chunks.push(chunk)
        })
        incoming.on('error', () =>
          fail(
            new XRoadFault(
              'SERVICE_FAILED',
              'The provider broke off its answer.',
            ),
          ),
        )
        incoming.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(deadline)
          resolve({
            status: incoming.statusCode ?? 502,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          })
        })
      },
    )

    outgoing.on('error', (err: NodeJS.ErrnoException) =>
      fail(
        new XRoadFault(
          'NETWORK_ERROR',
          `Connecting to the provider failed${err.code ? ` (${err.code})` : ''}.`,
        ),
      ),
    )
    outgoing.end(request.body)
  })
}
