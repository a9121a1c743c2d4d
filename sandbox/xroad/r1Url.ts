import {
  isValidIdentifierPart,
  type XRoadClientId,
} from '../../common/xroad/identifiers.ts'
import { XRoadFault } from './xroadErrors.ts'

/** PR-REST 4.2 asks for a limit; most clients stop at 2000 characters. */
export const MAX_URL_LENGTH = 4096

/** The service an `r1` URL names, each part percent-decoded. */
export interface R1Service {
  instance: string
  memberClass: string
  memberCode: string
  subsystemCode: string
  serviceCode: string
}

/** A parsed `/r1/{serviceId}[/path][?query]` request target. */
export interface R1Target {
  service: R1Service
  /** The path below the service as sent (still encoded): '' or `/…`. */
  path: string
  /** The same path split into percent-decoded segments. */
  segments: string[]
  /** The query as sent, without '?'; null when there is none. */
  query: string | null
}

function decodePart(raw: string, what: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    throw new XRoadFault(
      'BAD_REQUEST',
      `The ${what} is not percent-encoded UTF-8.`,
    )
  }
  if (!isValidIdentifierPart(decoded)) {
    throw new XRoadFault(
      'BAD_REQUEST',
      `The ${what} is empty, too long or has a character X-Road identifiers ` +
        'may not contain (: ; / \\ % or a control character).',
    )
  }
  return decoded
}

function decodeSegment(raw: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    throw new XRoadFault(
      'BAD_REQUEST',
      'The path is not percent-encoded UTF-8.',
    )
  }
  // A provider that normalises dot segments would otherwise be reached at a
  // path the access rights never saw (PR-REST 4.2 on SSRF).
  if (decoded === '.' || decoded === '..') {
    throw new XRoadFault(
      'BAD_REQUEST',
      'The path may not contain . or .. segments.',
    )
  }
  return decoded
}

const PART_NAMES = [
  'X-Road instance',
  'member class',
  'member code',
  'subsystem code',
  'service code',
] as const

/**
 * Parses the request target of an r1 call. Every identifier part is
 * percent-decoded on its own (PR-REST 4.2), so an encoded slash stays
 * inside its part and is then refused as a forbidden character. The
 * subsystem is required, as X-Road's own security server requires it.
 */
export function parseR1Url(url: string): R1Target {
  if (url.length > MAX_URL_LENGTH) {
    throw new XRoadFault(
      'BAD_REQUEST',
      `The URL is longer than ${MAX_URL_LENGTH} characters.`,
    )
  }
  const queryAt = url.indexOf('?')
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt)
  const query = queryAt === -1 ? null : url.slice(queryAt + 1)

  const parts = rawPath.split('/')
  const version = parts[1] ?? ''
  if (/^r\d+$/.test(version) && version !== 'r1') {
    throw new XRoadFault('INVALID_PROTOCOL_VERSION')
  }
  if (parts[0] !== '' || version !== 'r1' || parts.length < 7) {
    throw new XRoadFault(
      'BAD_REQUEST',
      'Expected /r1/{instance}/{memberClass}/{memberCode}/{subsystemCode}/' +
        '{serviceCode}[/path].',
    )
  }

  const [instance, memberClass, memberCode, subsystemCode, serviceCode] =
    PART_NAMES.map((name, i) => decodePart(parts[i + 2] ?? '', name)) as [
      string,
      string,
      string,
      string,
      string,
    ]
  const below = parts.slice(7)
  return {
    service: { instance, memberClass, memberCode, subsystemCode, serviceCode },
    path: below.length === 0 ? '' : `/${below.join('/')}`,
    segments: below.map(decodeSegment),
    query,
  }
}

/**
 * Parses the `X-Road-Client` header, `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`
 * with each part percent-encoded (PR-REST 4.3). When a client sent the
 * header more than once, the last one counts, as PR-REST 4.3 says.
 */
export function parseClientHeader(values: string[] | undefined): XRoadClientId {
  const value = values?.[values.length - 1]
  if (value === undefined || value.trim() === '') {
    throw new XRoadFault('BAD_REQUEST', 'The X-Road-Client header is missing.')
  }
  const parts = value.trim().split('/')
  if (parts.length < 3 || parts.length > 4) {
    throw new XRoadFault(
      'BAD_REQUEST',
      'The X-Road-Client header must be INSTANCE/CLASS/MEMBER[/SUBSYSTEM].',
    )
  }
  const [instance, memberClass, memberCode, subsystemCode] = parts.map((p) =>
    decodePart(p, 'X-Road-Client header part'),
  )
  return {
    instance: instance ?? '',
    memberClass: memberClass ?? '',
    memberCode: memberCode ?? '',
    subsystemCode,
  }
}

/**
 * Joins identifier parts for a header. The characters PR-REST 4.8 allows
 * are all plain ASCII, so the parts go in as they are.
 */
export function encodeIdentifier(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined).join('/')
}
