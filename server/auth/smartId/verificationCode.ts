import { createHash } from 'node:crypto'

/**
 * The Smart-ID verification code of a notification-based authentication:
 * the last two bytes of SHA-256 over the raw rpChallenge bytes (not their
 * base64), read as a big-endian number, mod 10000, as four digits. The
 * Smart-ID app shows the same code, so the citizen can tell that the
 * request on their phone is the one they started.
 */
export function smartIdVerificationCode(rpChallenge: Uint8Array): string {
  const digest = createHash('sha256').update(rpChallenge).digest()
  const code = digest.readUInt16BE(digest.length - 2) % 10000
  return String(code).padStart(4, '0')
}
