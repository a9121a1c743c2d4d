import { createHash } from 'node:crypto'

/**
 * The request headers that make up the hashed header part, in this order.
 * PR-REST 4.3 defines the hash over "headers" without fixing their byte
 * form; the sandbox takes the headers the protocol itself defines.
 */
export const HASHED_HEADERS = [
  'x-road-client',
  'x-road-id',
  'x-road-userid',
  'x-road-issue',
  'accept',
  'content-type',
] as const

/**
 * The header part of a request: the method and the request target as the
 * client sent them, then each hashed header present as `name: value`
 * (lowercase name), every line ending in CRLF. `headers` holds the values
 * the provider received, so a generated X-Road-Id is included.
 */
export function requestHeaderPart(
  method: string,
  target: string,
  headers: Readonly<Record<string, string | undefined>>,
): Buffer {
  const lines = [method.toUpperCase(), target]
  for (const name of HASHED_HEADERS) {
    const value = headers[name]
    if (value !== undefined) lines.push(`${name}: ${value}`)
  }
  return Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8')
}

function sha512(data: Buffer): Buffer {
  return createHash('sha512').update(data).digest()
}

/**
 * `X-Road-Request-Hash` as PR-REST 4.3 defines it: base64 of
 * SHA512(SHA512(headers) + SHA512(body)), or of SHA512(headers) alone when
 * the request has no body.
 */
export function requestHash(headerPart: Buffer, body: Buffer): string {
  if (body.length === 0) return sha512(headerPart).toString('base64')
  return sha512(Buffer.concat([sha512(headerPart), sha512(body)])).toString(
    'base64',
  )
}
