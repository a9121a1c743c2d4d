import { resolve } from 'node:path'
import { parseClientId, parseServiceId } from '../common/xroad/identifiers.ts'
import {
  LedgerSettingError,
  loadEstcoinSettings,
  type EstcoinSettings,
} from '../providers/estcoin-ledger/api/settings.ts'

/** Portal settings, read from the environment once at start-up. */
export interface Config {
  port: number
  host: string
  publicOrigin: string
  dataDir: string
  databaseUrl?: string
  sandbox: boolean
  xroadSecurityServerUrl: string
  xroadClient: string
  mobileId: { url: string; rpUuid: string; rpName: string }
  smartId: { url: string; rpUuid: string; rpName: string }
  eidTrustedCaFile?: string
  trustProxy: boolean
  signInRateLimit: number
  /** Folder of the built PWA. */
  distDir: string
  sandboxPorts: {
    xroadEe: number
    xroadFi: number
    mobileId: number
    smartId: number
    ocsp: number
    witness: number
  }
  /**
   * Other agencies' queries the sandbox replays once per database after
   * start-up (SANDBOX_SCENARIO_SIZE; 0 replays none).
   */
  sandboxScenarioSize: number
  /**
   * The registers' findUsage services the Data Tracker asks
   * (TRACKER_REGISTERS, comma-separated); unset with SANDBOX=on: the
   * sandbox's registers.
   */
  trackerRegisters?: string[]
  /** The EstCoin wallet's services and its recipient preview's limit. */
  wallet: WalletConfig
  /**
   * The sandbox ledger's grants and signature threshold
   * (ESTCOIN_WELCOME_GRANT, ESTCOIN_MONTHLY_GRANT, ESTCOIN_SIGNATURE_THRESHOLD).
   */
  estcoin: EstcoinSettings
}

/** Where the wallet's X-Road calls go. */
export interface WalletConfig {
  /** The EstCoin ledger service (ESTCOIN_LEDGER_SERVICE). */
  ledgerService: string
  /** The population register's person service (POPULATION_SERVICE). */
  populationService: string
  /** Recipient previews per citizen per minute (WALLET_PREVIEW_RATE_LIMIT). */
  previewRateLimit: number
}

/** The sandbox's ledger and population register, the wallet's defaults. */
export const WALLET_DEFAULTS = {
  ledgerService: 'ee-dev/GOV/70000272/estcoin/ledger',
  populationService: 'ee-dev/GOV/70008440/population/persons',
  previewRateLimit: 10,
} as const

/** A setting that is missing or wrong; start-up stops with its message. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Setting ${setting}: ${problem}`)
  }
}

/** Public demo relying party of the Mobile-ID and Smart-ID test services. */
export const DEMO_RELYING_PARTY = {
  uuid: '00000000-0000-0000-0000-000000000000',
  name: 'DEMO',
}

type Env = Record<string, string | undefined>

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(name, `'${raw}' is not a port number (0–65535)`)
  }
  return value
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['on', 'true', '1', 'yes'].includes(raw)) return true
  if (['off', 'false', '0', 'no'].includes(raw)) return false
  throw new ConfigError(name, `'${env[name]}' must be on or off`)
}

function url(env: Env, name: string, fallback?: string): string {
  const raw = env[name] || fallback
  if (!raw) throw new ConfigError(name, 'is required when SANDBOX=off')
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `'${raw}' is not a URL`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `'${raw}' must be an http or https URL`)
  }
  return raw.replace(/\/+$/, '')
}

function origin(env: Env, fallback: string): string {
  const raw = env.PUBLIC_ORIGIN || fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError('PUBLIC_ORIGIN', `'${raw}' is not an origin`)
  }
  if (parsed.origin !== raw.replace(/\/$/, '')) {
    throw new ConfigError(
      'PUBLIC_ORIGIN',
      `'${raw}' must be scheme, host and port only, e.g. https://portal.example`,
    )
  }
  return parsed.origin
}

/** True for http(s) origins on localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackOrigin(value: string): boolean {
  const host = new URL(value).hostname
  return (
    host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
  )
}

/**
 * Settings that put the portal and every sandbox service on a free port,
 * so a test or benchmark runs its own instance beside a developer's.
 */
export const ALL_ON_FREE_PORTS: Readonly<Record<string, string>> = {
  PORT: '0',
  SANDBOX_XROAD_EE_PORT: '0',
  SANDBOX_XROAD_FI_PORT: '0',
  SANDBOX_MOBILE_ID_PORT: '0',
  SANDBOX_SMART_ID_PORT: '0',
  SANDBOX_OCSP_PORT: '0',
  SANDBOX_WITNESS_PORT: '0',
}

/** A comma-separated list of X-Road services, each checked. */
function service(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback
  if (!parseServiceId(value)) {
    throw new ConfigError(
      name,
      `'${value}' is not INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`,
    )
  }
  return value
}

function estcoin(env: Env): EstcoinSettings {
  try {
    return loadEstcoinSettings(env)
  } catch (error) {
    if (!(error instanceof LedgerSettingError)) throw error
    throw new ConfigError(error.setting, 'must be a whole number of cents')
  }
}

function serviceList(env: Env, name: string): string[] | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const services = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const service of services) {
    if (!parseServiceId(service)) {
      throw new ConfigError(
        name,
        `'${service}' is not INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`,
      )
    }
  }
  return services
}

/**
 * Reads and checks every setting. Throws a ConfigError naming the first
 * setting that is missing or wrong.
 */
export function loadConfig(env: Env = process.env): Config {
  const listenPort = port(env, 'PORT', 8080)
  const sandbox = flag(env, 'SANDBOX', true)
  const publicOrigin = origin(env, `http://localhost:${listenPort || 8080}`)
  if (sandbox && !isLoopbackOrigin(publicOrigin)) {
    throw new ConfigError(
      'SANDBOX',
      `SANDBOX=on is refused because PUBLIC_ORIGIN (${publicOrigin}) is not ` +
        'a loopback origin; set SANDBOX=off and real endpoints in production',
    )
  }

  const sandboxPorts = {
    xroadEe: port(env, 'SANDBOX_XROAD_EE_PORT', 8081),
    xroadFi: port(env, 'SANDBOX_XROAD_FI_PORT', 8082),
    mobileId: port(env, 'SANDBOX_MOBILE_ID_PORT', 8083),
    smartId: port(env, 'SANDBOX_SMART_ID_PORT', 8084),
    ocsp: port(env, 'SANDBOX_OCSP_PORT', 8085),
    witness: port(env, 'SANDBOX_WITNESS_PORT', 8086),
  } satisfies Record<string, number>
  const local = (p: number, path = '') =>
    sandbox ? `http://127.0.0.1:${p}${path}` : undefined

  const xroadClient = env.XROAD_CLIENT || 'ee-dev/GOV/70000001/citizen-portal'
  const client = parseClientId(xroadClient)
  if (!client || client.subsystemCode === undefined) {
    throw new ConfigError(
      'XROAD_CLIENT',
      `'${xroadClient}' must be INSTANCE/CLASS/MEMBER/SUBSYSTEM`,
    )
  }

  const limit = Number(env.SIGN_IN_RATE_LIMIT ?? '10')
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigError('SIGN_IN_RATE_LIMIT', 'must be a positive integer')
  }
  const previewLimit = Number(
    env.WALLET_PREVIEW_RATE_LIMIT ?? WALLET_DEFAULTS.previewRateLimit,
  )
  if (!Number.isInteger(previewLimit) || previewLimit < 1) {
    throw new ConfigError(
      'WALLET_PREVIEW_RATE_LIMIT',
      'must be a positive integer',
    )
  }
  const scenarioSize = Number(env.SANDBOX_SCENARIO_SIZE ?? '200')
  if (!Number.isInteger(scenarioSize) || scenarioSize < 0) {
    throw new ConfigError(
      'SANDBOX_SCENARIO_SIZE',
      'must be a whole number, 0 or more',
    )
  }
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL')
  }
  const eidTrustedCaFile = env.EID_TRUSTED_CA_FILE || undefined
  const trackerRegisters = serviceList(env, 'TRACKER_REGISTERS')
  if (!sandbox && !eidTrustedCaFile) {
    throw new ConfigError('EID_TRUSTED_CA_FILE', 'is required when SANDBOX=off')
  }

  return {
    port: listenPort,
    host: env.HOST || '127.0.0.1',
    publicOrigin,
    dataDir: resolve(env.DATA_DIR || '.data'),
    databaseUrl,
    sandbox,
    xroadSecurityServerUrl: url(
      env,
      'XROAD_SECURITY_SERVER_URL',
      local(sandboxPorts.xroadEe),
    ),
    xroadClient,
    mobileId: {
      url: url(env, 'MOBILE_ID_URL', local(sandboxPorts.mobileId, '/mid-api')),
      rpUuid: env.MOBILE_ID_RP_UUID || DEMO_RELYING_PARTY.uuid,
      rpName: env.MOBILE_ID_RP_NAME || DEMO_RELYING_PARTY.name,
    },
    smartId: {
      url: url(
        env,
        'SMART_ID_URL',
        local(sandboxPorts.smartId, '/smart-id-rp/v3'),
      ),
      rpUuid: env.SMART_ID_RP_UUID || DEMO_RELYING_PARTY.uuid,
      rpName: env.SMART_ID_RP_NAME || DEMO_RELYING_PARTY.name,
    },
    eidTrustedCaFile,
    trustProxy: flag(env, 'TRUST_PROXY', false),
    signInRateLimit: limit,
    distDir: resolve(env.DIST_DIR || 'dist'),
    sandboxPorts,
    sandboxScenarioSize: scenarioSize,
    trackerRegisters,
    wallet: {
      ledgerService: service(
        env,
        'ESTCOIN_LEDGER_SERVICE',
        WALLET_DEFAULTS.ledgerService,
      ),
      populationService: service(
        env,
        'POPULATION_SERVICE',
        WALLET_DEFAULTS.populationService,
      ),
      previewRateLimit: previewLimit,
    },
    estcoin: estcoin(env),
  }
}
