/**
 * The Mobile-ID verification code of a hash: six bits of its first byte and
 * seven of its last, `((hash[0] & 0xFC) << 5) | (hash[last] & 0x7F)`, as
 * four digits. The phone shows the same code, so the citizen can check that
 * the request is the one they started.
 */
export function verificationCode(hash: Uint8Array): string {
  const first = hash[0] ?? 0
  const last = hash[hash.length - 1] ?? 0
  const code = ((first & 0xfc) << 5) | (last & 0x7f)
  return String(code).padStart(4, '0')
}
