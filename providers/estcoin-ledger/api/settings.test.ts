import { describe, expect, it } from 'vitest'
import {
  LedgerSettingError,
  loadEstcoinSettings,
  loadLedgerServiceSettings,
} from './settings.ts'

describe('the ledger’s settings', () => {
  it('default to a 100.00 EST welcome, no monthly grant, 50.00 EST threshold', () => {
    expect(loadEstcoinSettings({})).toEqual({
      welcomeGrant: 10_000,
      monthlyGrant: 0,
      signatureThreshold: 5_000,
    })
  })

  it('read the grants and threshold in cents', () => {
    expect(
      loadEstcoinSettings({
        ESTCOIN_WELCOME_GRANT: '0',
        ESTCOIN_MONTHLY_GRANT: '500',
        ESTCOIN_SIGNATURE_THRESHOLD: '100000',
      }),
    ).toEqual({
      welcomeGrant: 0,
      monthlyGrant: 500,
      signatureThreshold: 100_000,
    })
  })

  it('refuse anything but whole cents, naming the setting', () => {
    for (const value of ['-1', '1.5', 'ten', '1e3']) {
      expect(() =>
        loadEstcoinSettings({ ESTCOIN_MONTHLY_GRANT: value }),
      ).toThrow(LedgerSettingError)
    }
    expect(() => loadLedgerServiceSettings({ LEDGER_PORT: '70000' })).toThrow(
      /LEDGER_PORT/,
    )
  })

  it('use DATABASE_URL when given and a data directory otherwise', () => {
    expect(
      loadLedgerServiceSettings({ DATABASE_URL: 'postgres://db/ledger' })
        .database,
    ).toEqual({ url: 'postgres://db/ledger' })
    expect(
      loadLedgerServiceSettings({ LEDGER_DATA_DIR: '/tmp/l' }).database,
    ).toEqual({ dataDir: '/tmp/l' })
    expect(() =>
      loadLedgerServiceSettings({ DATABASE_URL: 'mysql://x' }),
    ).toThrow(/DATABASE_URL/)
  })
})
