/**
 * RFC 8785 JSON Canonicalization Scheme: one byte string per JSON value,
 * so a record hashes the same in the register and in the citizen's
 * browser. Object keys are sorted by UTF-16 code units; numbers and
 * strings are written as ECMAScript's JSON.stringify writes them, which
 * is what RFC 8785 specifies.
 */

/** A value that has a canonical form. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError'
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CanonicalJsonError('JSON has no NaN or Infinity')
    }
    return JSON.stringify(value)
  }
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Default sort compares UTF-16 code units, as RFC 8785 asks.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new CanonicalJsonError(`a ${typeof value} has no JSON form`)
}

/** The canonical form's UTF-8 bytes: what a log's leaf hash covers. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value))
}
