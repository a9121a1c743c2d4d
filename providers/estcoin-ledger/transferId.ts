import { createHash } from 'node:crypto'
import { LedgerError } from './errors.ts'

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-([1-8])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The ledger's own UUIDv5 namespace for the ids of treasury grants. */
const GRANT_NAMESPACE = '6f1d3c2a-8b4e-4f7a-9d5c-31e0b7a2c948'

/**
 * A client's transfer id, lowercased; refuses anything but an RFC 9562
 * UUID of versions 1–8 except 5. Version 5 ids are derived from names, so
 * a client could compute a grant's id and take it before the treasury
 * does: reserving them for grants prevents that.
 */
export function clientTransferId(id: unknown): string {
  const lower = typeof id === 'string' ? id.toLowerCase() : ''
  const match = UUID.exec(lower)
  if (!match || match[1] === '5') throw new LedgerError('TRANSFER_ID_INVALID')
  return lower
}

/** RFC 9562 UUIDv5: SHA-1 of namespace bytes and name, version 5 bits. */
function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-')
}

/** The welcome grant's id: one per person, whenever it is issued. */
export function welcomeGrantId(personalCode: string): string {
  return uuidV5(GRANT_NAMESPACE, `welcome-grant/${personalCode}`)
}

/** The community grant's id: one per person and Tallinn month. */
export function monthlyGrantId(personalCode: string, month: string): string {
  return uuidV5(GRANT_NAMESPACE, `monthly-grant/${month}/${personalCode}`)
}
