/** Why a value has no canonical JSON form. */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError'
}

// A UTF-16 surrogate without its partner: not a Unicode string (RFC 8785, 3.1).
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function string(text: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new CanonicalJsonError('A string holds a lone surrogate')
  }
  // ECMAScript's JSON.stringify escapes exactly as RFC 8785, 3.2.2.2 asks.
  return JSON.stringify(text)
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(`${path} is not a finite number`)
      }
      // Number.prototype.toString is RFC 8785's number form (3.2.2.3).
      return JSON.stringify(value)
    case 'string':
      return string(value)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => serialize(item, `${path}[${i}]`)).join(',')}]`
      }
      const prototype = Object.getPrototypeOf(value) as unknown
      if (prototype !== Object.prototype && prototype !== null) {
        throw new CanonicalJsonError(`${path} is not a plain object`)
      }
      // Keys sorted by UTF-16 code units, which is what `<` compares (3.2.3).
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${entries
        .map(
          ([key, item]) =>
            `${string(key)}:${serialize(item, `${path}.${key}`)}`,
        )
        .join(',')}}`
    }
    default:
      throw new CanonicalJsonError(`${path} is a ${typeof value}, not JSON`)
  }
}

/**
 * The JSON Canonicalization Scheme (RFC 8785) form of a value: no
 * whitespace, object keys sorted by UTF-16 code units, numbers and
 * strings as ECMAScript writes them. Properties whose value is
 * `undefined` are left out, as JSON.stringify does; anything else that
 * is not JSON (NaN, Infinity, a Date, a lone surrogate) is refused with
 * a CanonicalJsonError, so two parties never hash different bytes for
 * one value.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$')
}

/** The canonical form's UTF-8 bytes: what is hashed or signed. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value))
}
