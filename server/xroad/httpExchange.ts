import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'

/** Thrown when an answer is, or announces itself as, larger than the cap. */
export class ResponseTooLarge extends Error {
  override name = 'ResponseTooLarge'

  constructor(readonly cap: number) {
    super(`The answer is larger than ${cap} bytes.`)
  }
}

/** An answer whose body has not been read yet. */
export interface HttpAnswer {
  status: number
  /** A response header, or null when absent. */
  header(name: string): string | null
  /**
   * Reads the body as UTF-8 text, at most `cap` bytes. A larger
   * `Content-Length` is refused before reading; a body that grows past the
   * cap is dropped as soon as it does. Throws ResponseTooLarge.
   */
  text(cap: number): Promise<string>
  /** Drops the body unread and the connection with it. */
  discard(): void
}

/** What one request carries. */
export interface HttpRequestInit {
  method: string
  headers: Record<string, string>
  body?: string
  /** Aborts the whole exchange, the body's reading included. */
  signal: AbortSignal
}

/** Keep-alive connections, one pool per scheme. */
export interface HttpAgents {
  http: http.Agent
  https: https.Agent
}

/** Connection pools that keep connections to the security server open. */
export function keepAliveAgents(): HttpAgents {
  return {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  }
}

function answerOf(response: IncomingMessage): HttpAnswer {
  return {
    status: response.statusCode ?? 0,
    header(name) {
      const value = response.headers[name.toLowerCase()]
      if (value === undefined) return null
      return Array.isArray(value) ? value.join(', ') : value
    },
    text(cap) {
      const length = Number(response.headers['content-length'] ?? 0)
      if (length > cap) {
        response.destroy()
        return Promise.reject(new ResponseTooLarge(cap))
      }
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > cap) {
            reject(new ResponseTooLarge(cap))
            response.destroy()
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () =>
          resolve(Buffer.concat(chunks).toString('utf8')),
        )
        response.on('error', reject)
        response.on('aborted', () => reject(new Error('answer aborted')))
      })
    },
    discard() {
      response.destroy()
    },
  }
}

/**
 * One HTTP exchange over a keep-alive connection: resolves once the
 * status and headers are in, leaving the body to read. Redirects are not
 * followed. Rejects with the socket's error (its `code`, e.g.
 * ECONNREFUSED) or an AbortError when `signal` fires.
 */
export function httpExchange(
  url: URL,
  init: HttpRequestInit,
  agents: HttpAgents,
): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:'
  const headers: Record<string, string> = { ...init.headers }
  if (init.body !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(init.body))
  }
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      url,
      {
        method: init.method,
        headers,
        agent: secure ? agents.https : agents.http,
        signal: init.signal,
      },
      (response) => resolve(answerOf(response)),
    )
    request.on('error', reject)
    request.end(init.body)
  })
}
