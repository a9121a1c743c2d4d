import { readPort, SettingError, type Env } from '../settings.ts'
import { resolve } from 'node:path'
import { Base64Error, fromBase64 } from '../../common/checkpoint/base64.ts'
import {
  NoteKeyError,
  SIGNATURE_TYPE,
  parseVerifierKey,
  signerFromSeed,
  type NoteSigner,
  type NoteVerifier,
} from '../../common/checkpoint/keys.ts'
import type { DatabaseLocation } from '../../server/db/database.ts'

/** The witness's settings, read from the environment once at start-up. */
export interface WitnessSettings {
  port: number
  host: string
  database: DatabaseLocation
  signer: NoteSigner
  /** The logs it witnesses: origin → the log's key. */
  logs: Map<string, NoteVerifier>
}

/** A setting of this provider that is missing or wrong. */
export class WitnessSettingError extends SettingError {
  override name = 'WitnessSettingError'
}

function readSigner(env: Env): NoteSigner {
  const name = env.WITNESS_NAME
  if (!name) throw new WitnessSettingError('WITNESS_NAME', 'is required')
  let seed: Uint8Array
  try {
    seed = fromBase64(env.WITNESS_SEED ?? '')
  } catch (error) {
    if (!(error instanceof Base64Error)) throw error
    // Never echo the value: it is the witness's secret.
    throw new WitnessSettingError('WITNESS_SEED', 'must be base64')
  }
  if (seed.length !== 32) {
    throw new WitnessSettingError('WITNESS_SEED', 'must hold 32 bytes')
  }
  try {
    return signerFromSeed(name, seed, SIGNATURE_TYPE.cosignatureV1)
  } catch (error) {
    if (error instanceof NoteKeyError) {
      throw new WitnessSettingError('WITNESS_NAME', error.message)
    }
    throw error
  }
}

function readLogs(env: Env): Map<string, NoteVerifier> {
  const setting = 'WITNESS_LOGS'
  let parsed: unknown
  try {
    parsed = JSON.parse(env.WITNESS_LOGS ?? '')
  } catch {
    throw new WitnessSettingError(
      setting,
      'must be JSON: {"<origin>": "<log verifier key>", …}',
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WitnessSettingError(setting, 'must be a JSON object')
  }
  const logs = new Map<string, NoteVerifier>()
  for (const [origin, vkey] of Object.entries(parsed)) {
    if (origin === '' || origin.includes('\n') || typeof vkey !== 'string') {
      throw new WitnessSettingError(setting, `bad entry for '${origin}'`)
    }
    let key: NoteVerifier
    try {
      key = parseVerifierKey(vkey)
    } catch (error) {
      if (!(error instanceof NoteKeyError)) throw error
      throw new WitnessSettingError(setting, `${origin}: ${error.message}`)
    }
    if (key.type !== SIGNATURE_TYPE.ed25519) {
      throw new WitnessSettingError(setting, `${origin}: not a log key (0x01)`)
    }
    logs.set(origin, key)
  }
  if (logs.size === 0) throw new WitnessSettingError(setting, 'names no log')
  return logs
}

/**
 * Reads WITNESS_PORT (8086; 0 takes a free one), WITNESS_HOST
 * (127.0.0.1), DATABASE_URL or else WITNESS_DATA_DIR (.data/witness),
 * WITNESS_NAME and WITNESS_SEED (its key: a name and a base64 32-byte
 * Ed25519 seed) and WITNESS_LOGS (JSON, origin → log verifier key).
 */
export function loadWitnessSettings(env: Env = process.env): WitnessSettings {
  const url = env.DATABASE_URL || undefined
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new WitnessSettingError('DATABASE_URL', 'must be a postgres:// URL')
  }
  return {
    port: readPort(env, 'WITNESS_PORT', 8086, WitnessSettingError),
    host: env.WITNESS_HOST || '127.0.0.1',
    database: url
      ? { url }
      : { dataDir: resolve(env.WITNESS_DATA_DIR || '.data/witness') },
    signer: readSigner(env),
    logs: readLogs(env),
  }
}
