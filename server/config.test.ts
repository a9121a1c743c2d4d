import { describe, expect, it } from 'vitest'
import { SANDBOX_LEDGER_SERVICE } from '../sandbox/estcoin.ts'
import { POPULATION_SERVICE } from '../sandbox/registers/sandboxRegisters.ts'
import { ConfigError, loadConfig } from './config.ts'

function settingOf(env: Record<string, string>): string | undefined {
  try {
    loadConfig(env)
    return undefined
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as ConfigError).setting
  }
}

describe('settings', () => {
  it('has working defaults for the sandbox', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.publicOrigin).toBe('http://localhost:8080')
    expect(config.sandbox).toBe(true)
    expect(config.xroadSecurityServerUrl).toBe('http://127.0.0.1:8081')
    expect(config.mobileId.url).toBe('http://127.0.0.1:8083/mid-api')
    expect(config.smartId.url).toBe('http://127.0.0.1:8084/smart-id-rp/v3')
    expect(config.xroadClient).toBe('ee-dev/GOV/70000001/citizen-portal')
  })

  it('points the wallet at the sandbox ledger unless told', () => {
    expect(loadConfig({}).wallet).toEqual({
      ledgerService: SANDBOX_LEDGER_SERVICE,
      populationService: POPULATION_SERVICE,
      previewRateLimit: 10,
    })
    expect(loadConfig({}).estcoin).toEqual({
      welcomeGrant: 10_000,
      monthlyGrant: 0,
      signatureThreshold: 5_000,
    })
    const other = 'ee/GOV/70000272/estcoin/ledger'
    expect(loadConfig({ ESTCOIN_LEDGER_SERVICE: other }).wallet).toMatchObject({
      ledgerService: other,
    })
    expect(settingOf({ ESTCOIN_LEDGER_SERVICE: 'ee/GOV/1' })).toBe(
      'ESTCOIN_LEDGER_SERVICE',
    )
    expect(settingOf({ WALLET_PREVIEW_RATE_LIMIT: '0' })).toBe(
      'WALLET_PREVIEW_RATE_LIMIT',
    )
    expect(settingOf({ ESTCOIN_WELCOME_GRANT: '1.5' })).toBe(
      'ESTCOIN_WELCOME_GRANT',
    )
  })

  it('refuses SANDBOX=on unless PUBLIC_ORIGIN is loopback', () => {
    expect(settingOf({ PUBLIC_ORIGIN: 'https://portal.example' })).toBe(
      'SANDBOX',
    )
    expect(
      settingOf({ PUBLIC_ORIGIN: 'http://127.0.0.1:9000' }),
    ).toBeUndefined()
  })

  it('names the setting that is wrong', () => {
    expect(settingOf({ PORT: 'eighty' })).toBe('PORT')
    expect(settingOf({ SANDBOX: 'maybe' })).toBe('SANDBOX')
    expect(settingOf({ PUBLIC_ORIGIN: 'http://localhost:8080/app' })).toBe(
      'PUBLIC_ORIGIN',
    )
    expect(settingOf({ XROAD_CLIENT: 'ee-dev/GOV' })).toBe('XROAD_CLIENT')
    expect(settingOf({ DATABASE_URL: 'mysql://x' })).toBe('DATABASE_URL')
    expect(settingOf({ SIGN_IN_RATE_LIMIT: '0' })).toBe('SIGN_IN_RATE_LIMIT')
    expect(
      settingOf({ TRACKER_REGISTERS: 'ee-dev/GOV/1/a/findUsage,nope' }),
    ).toBe('TRACKER_REGISTERS')
  })

  it('reads the Data Tracker’s registers as a list', () => {
    const services =
      ' ee-dev/GOV/70000349/emta/findUsage , ee-dev/GOV/70008440/population/findUsage'
    expect(
      loadConfig({ TRACKER_REGISTERS: services }).trackerRegisters,
    ).toEqual([
      'ee-dev/GOV/70000349/emta/findUsage',
      'ee-dev/GOV/70008440/population/findUsage',
    ])
    expect(loadConfig({}).trackerRegisters).toBeUndefined()
  })

  it('needs real endpoints when the sandbox is off', () => {
    const production = {
      SANDBOX: 'off',
      PUBLIC_ORIGIN: 'https://portal.example',
    }
    expect(settingOf(production)).toBe('EID_TRUSTED_CA_FILE')
    const withCa = { ...production, EID_TRUSTED_CA_FILE: '/etc/portal/ca.pem' }
    expect(settingOf(withCa)).toBe('XROAD_SECURITY_SERVER_URL')
    const full = {
      ...withCa,
      XROAD_SECURITY_SERVER_URL: 'https://ss.example',
      MOBILE_ID_URL: 'https://mid.example/mid-api',
      SMART_ID_URL: 'https://sid.example/v3',
    }
    expect(settingOf(full)).toBeUndefined()
    expect(loadConfig(full).sandbox).toBe(false)
  })
})
