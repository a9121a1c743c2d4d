/**
 * The keys the Data Tracker trusts, fixed when the PWA is built and never
 * fetched at run time: a server that could change them could vouch for
 * any log. A build with VITE_TRACKER_LOG_KEYS (JSON, origin → log
 * verifier key) and VITE_TRACKER_WITNESS_KEYS (witness verifier keys,
 * one per line or comma-separated) trusts those; a build without them
 * trusts the sandbox's public, deterministic keys.
 */
import {
  SIGNATURE_TYPE,
  parseVerifierKey,
  verifierOf,
  type NoteVerifier,
} from '@common/checkpoint/keys'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '@common/checkpoint/sandboxKeys'

export interface PinnedKeys {
  /** The key of log `origin`; undefined for a log not trusted. */
  logKey(origin: string): NoteVerifier | undefined
  /** Witnesses, any one of whose cosignatures a checkpoint needs. */
  witnesses: NoteVerifier[]
}

export interface TrackerKeyEnv {
  VITE_TRACKER_LOG_KEYS?: string
  VITE_TRACKER_WITNESS_KEYS?: string
}

/** Sandbox usage logs are named `<subsystem> usage log`. */
const SANDBOX_ORIGIN = /^[^\s/]+\/[^\s/]+\/[^\s/]+\/[^\s/]+ usage log$/

/** The sandbox's keys: any sandbox usage log's derived key. */
export function sandboxPinnedKeys(): PinnedKeys {
  const cache = new Map<string, NoteVerifier>()
  return {
    logKey(origin) {
      if (!SANDBOX_ORIGIN.test(origin)) return undefined
      let key = cache.get(origin)
      if (!key) {
        key = verifierOf(sandboxLogSigner(origin))
        cache.set(origin, key)
      }
      return key
    },
    witnesses: [verifierOf(sandboxWitnessSigner())],
  }
}

function keyOfType(text: string, type: number, what: string): NoteVerifier {
  const key = parseVerifierKey(text.trim())
  if (key.type !== type) throw new Error(`${what}: wrong key type`)
  return key
}

/** The keys of a build's settings (see the file's comment). */
export function pinnedKeysFromEnv(env: TrackerKeyEnv): PinnedKeys {
  if (!env.VITE_TRACKER_LOG_KEYS && !env.VITE_TRACKER_WITNESS_KEYS) {
    return sandboxPinnedKeys()
  }
  const logs = new Map<string, NoteVerifier>()
  const parsed: unknown = JSON.parse(env.VITE_TRACKER_LOG_KEYS ?? '{}')
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('VITE_TRACKER_LOG_KEYS must be a JSON object')
  }
  for (const [origin, vkey] of Object.entries(parsed)) {
    if (typeof vkey !== 'string') {
      throw new Error(`VITE_TRACKER_LOG_KEYS: ${origin} needs a key`)
    }
    logs.set(origin, keyOfType(vkey, SIGNATURE_TYPE.ed25519, origin))
  }
  const witnesses = (env.VITE_TRACKER_WITNESS_KEYS ?? '')
    .split(/[\n,]/)
    .filter((line) => line.trim() !== '')
    .map((line) =>
      keyOfType(
        line,
        SIGNATURE_TYPE.cosignatureV1,
        'VITE_TRACKER_WITNESS_KEYS',
      ),
    )
  if (witnesses.length === 0) {
    throw new Error('VITE_TRACKER_WITNESS_KEYS names no witness')
  }
  return { logKey: (origin) => logs.get(origin), witnesses }
}

/** The keys this build trusts. */
export const pinnedKeys = (): PinnedKeys =>
  pinnedKeysFromEnv(import.meta.env as TrackerKeyEnv)
