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
import { logKeyName } from '../../common/checkpoint/sandboxKeys.ts'
import type { DatabaseLocation } from '../../server/db/database.ts'

/** The usage log service's settings, read once at start-up. */
export interface UsageLogSettings {
  port: number
  host: string
  database: DatabaseLocation
  origin: string
  signer: NoteSigner
  /** The witness to send checkpoints to, and its key; absent: none. */
  witness?: { url: string; key: NoteVerifier }
}

/** A setting that is missing or wrong; start-up stops with its message. */
export class UsageLogSettingError extends Error {
  override name = 'UsageLogSettingError'
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Setting ${setting}: ${problem}`)
  }
}

type Env = Record<string, string | undefined>

function readPort(env: Env): number {
  const raw = env.USAGE_LOG_PORT
  if (raw === undefined || raw === '') return 8087
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new UsageLogSettingError('USAGE_LOG_PORT', `'${raw}' is not a port`)
  }
  return value
}

function readOrigin(env: Env): string {
  const origin = env.USAGE_LOG_ORIGIN ?? ''
  if (origin.trim() === '' || /[\n\r]/.test(origin)) {
    throw new UsageLogSettingError('USAGE_LOG_ORIGIN', 'is required, one line')
  }
  return origin
}

function readSigner(env: Env, origin: string): NoteSigner {
  let seed: Uint8Array
  try {
    seed = fromBase64(env.USAGE_LOG_SEED ?? '')
  } catch (error) {
    if (!(error instanceof Base64Error)) throw error
    // Never echo the value: it is the log's secret.
    throw new UsageLogSettingError('USAGE_LOG_SEED', 'must be base64')
  }
  if (seed.length !== 32) {
    throw new UsageLogSettingError('USAGE_LOG_SEED', 'must hold 32 bytes')
  }
  return signerFromSeed(logKeyName(origin), seed)
}

function readWitness(env: Env): UsageLogSettings['witness'] {
  const url = env.USAGE_LOG_WITNESS_URL || undefined
  const vkey = env.USAGE_LOG_WITNESS_KEY || undefined
  if (!url && !vkey) return undefined
  if (!url || !/^https?:\/\/[^\s]+$/.test(url)) {
    throw new UsageLogSettingError(
      'USAGE_LOG_WITNESS_URL',
      'must be an http(s) URL when USAGE_LOG_WITNESS_KEY is set',
    )
  }
  let key: NoteVerifier
  try {
    key = parseVerifierKey(vkey ?? '')
  } catch (error) {
    if (!(error instanceof NoteKeyError)) throw error
    throw new UsageLogSettingError('USAGE_LOG_WITNESS_KEY', error.message)
  }
  if (key.type !== SIGNATURE_TYPE.cosignatureV1) {
    throw new UsageLogSettingError(
      'USAGE_LOG_WITNESS_KEY',
      'is not a witness key (type 0x04)',
    )
  }
  return { url, key }
}

/**
 * Reads USAGE_LOG_PORT (8087; 0 takes a free one), USAGE_LOG_HOST
 * (127.0.0.1), DATABASE_URL or else USAGE_LOG_DATA_DIR (.data/usage-log),
 * USAGE_LOG_ORIGIN, USAGE_LOG_SEED (base64 32-byte Ed25519 seed: the
 * log's key) and, to be witnessed, USAGE_LOG_WITNESS_URL with
 * USAGE_LOG_WITNESS_KEY (the witness's verifier key).
 */
export function loadUsageLogSettings(env: Env = process.env): UsageLogSettings {
  const url = env.DATABASE_URL || undefined
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageLogSettingError('DATABASE_URL', 'must be a postgres:// URL')
  }
  const origin = readOrigin(env)
  const witness = readWitness(env)
  return {
    port: readPort(env),
    host: env.USAGE_LOG_HOST || '127.0.0.1',
    database: url
      ? { url }
      : { dataDir: resolve(env.USAGE_LOG_DATA_DIR || '.data/usage-log') },
    origin,
    signer: readSigner(env, origin),
    ...(witness ? { witness } : {}),
  }
}
