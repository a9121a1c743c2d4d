/**
 * Standard base64 (RFC 4648, section 4) for bytes, in the browser and in
 * Node alike: notes and proofs travel as text.
 */

/** Thrown for text that is not canonical standard base64. */
export class Base64Error extends Error {
  override name = 'Base64Error'
}

const ALPHABET =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Decodes standard base64; padding is required, whitespace is not allowed. */
export function fromBase64(text: string): Uint8Array {
  if (!ALPHABET.test(text)) throw new Base64Error('not standard base64')
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  // A non-zero pad bit gives the same bytes as another text: refuse it,
  // so one value has one spelling.
  if (toBase64(bytes) !== text) throw new Base64Error('not canonical base64')
  return bytes
}
