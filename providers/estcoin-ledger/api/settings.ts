import { resolve } from 'node:path'
import type { DatabaseLocation } from '../../../server/db/database.ts'
import { DEFAULT_WELCOME_GRANT } from '../grants.ts'

/** Cents above which a transfer needs a signature unless told: 50.00 EST. */
export const DEFAULT_SIGNATURE_THRESHOLD = 5_000

/** The money settings, shared by `npm run ledger` and the sandbox. */
export interface EstcoinSettings {
  /** Cents on a person's first sign-in (ESTCOIN_WELCOME_GRANT, 10000). */
  welcomeGrant: number
  /** Cents per person per Tallinn month (ESTCOIN_MONTHLY_GRANT, 0). */
  monthlyGrant: number
  /** Cents above which a transfer needs a signature (5000). */
  signatureThreshold: number
}

/** The ledger service's settings when it runs on its own. */
export interface LedgerServiceSettings extends EstcoinSettings {
  port: number
  host: string
  database: DatabaseLocation
}

/** A setting that is missing or wrong; start-up stops with its message. */
export class LedgerSettingError extends Error {
  override name = 'LedgerSettingError'
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Setting ${setting}: ${problem}`)
  }
}

type Env = Record<string, string | undefined>

function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,15}$/.test(raw) || Number(raw) > max) {
    throw new LedgerSettingError(name, `'${raw}' is not a whole number`)
  }
  return Number(raw)
}

/**
 * Reads ESTCOIN_WELCOME_GRANT (10000 cents), ESTCOIN_MONTHLY_GRANT (0)
 * and ESTCOIN_SIGNATURE_THRESHOLD (5000 cents).
 */
export function loadEstcoinSettings(env: Env = process.env): EstcoinSettings {
  return {
    welcomeGrant: wholeNumber(
      env,
      'ESTCOIN_WELCOME_GRANT',
      DEFAULT_WELCOME_GRANT,
    ),
    monthlyGrant: wholeNumber(env, 'ESTCOIN_MONTHLY_GRANT', 0),
    signatureThreshold: wholeNumber(
      env,
      'ESTCOIN_SIGNATURE_THRESHOLD',
      DEFAULT_SIGNATURE_THRESHOLD,
    ),
  }
}

/**
 * Reads the EstCoin settings and LEDGER_PORT (8087; 0 takes a free one),
 * LEDGER_HOST (127.0.0.1), DATABASE_URL or else LEDGER_DATA_DIR
 * (.data/ledger).
 */
export function loadLedgerServiceSettings(
  env: Env = process.env,
): LedgerServiceSettings {
  const url = env.DATABASE_URL || undefined
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new LedgerSettingError('DATABASE_URL', 'must be a postgres:// URL')
  }
  return {
    ...loadEstcoinSettings(env),
    port: wholeNumber(env, 'LEDGER_PORT', 8087, 65535),
    host: env.LEDGER_HOST || '127.0.0.1',
    database: url
      ? { url }
      : { dataDir: resolve(env.LEDGER_DATA_DIR || '.data/ledger') },
  }
}
