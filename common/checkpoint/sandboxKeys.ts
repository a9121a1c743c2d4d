/**
 * The sandbox's usage-log and witness keys, derived from fixed, public
 * labels: the PWA pins public keys at build time, so the sandbox's keys
 * must be known before any sandbox runs. Anyone can derive these seeds,
 * which is fine for a sandbox and nothing else: real logs and witnesses
 * take their keys from settings.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { SIGNATURE_TYPE, signerFromSeed, type NoteSigner } from './keys.ts'

const LOG_LABEL = 'citizen-portal sandbox usage-log key\n'
const WITNESS_LABEL = 'citizen-portal sandbox witness key\n'

/** The sandbox witness's key name. */
export const SANDBOX_WITNESS_NAME = 'sandbox.citizen-portal.test/witness'

/** A log's key name: its origin without whitespace, as notes ask. */
export const logKeyName = (origin: string) => origin.replace(/\s+/g, '-')

const seedOf = (label: string) => sha256(new TextEncoder().encode(label))

/** The sandbox log `origin`'s signing key (type 0x01). Public: sandbox only. */
export function sandboxLogSigner(origin: string): NoteSigner {
  return signerFromSeed(logKeyName(origin), seedOf(LOG_LABEL + origin))
}

/** The sandbox witness's cosigning key (type 0x04). Public: sandbox only. */
export function sandboxWitnessSigner(): NoteSigner {
  return signerFromSeed(
    SANDBOX_WITNESS_NAME,
    seedOf(WITNESS_LABEL),
    SIGNATURE_TYPE.cosignatureV1,
  )
}
