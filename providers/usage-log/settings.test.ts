import { describe, expect, it } from 'vitest'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import {
  formatVerifierKey,
  generateSigner,
  SIGNATURE_TYPE,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import { loadUsageLogSettings, UsageLogSettingError } from './settings.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'
const SEED = new Uint8Array(32).fill(7)
const witness = formatVerifierKey(
  verifierOf(generateSigner('w.test/1', SIGNATURE_TYPE.cosignatureV1)),
)
const base = { USAGE_LOG_ORIGIN: ORIGIN, USAGE_LOG_SEED: toBase64(SEED) }

describe('the usage log’s settings', () => {
  it('reads a log’s key, database and witness', () => {
    const settings = loadUsageLogSettings({
      ...base,
      USAGE_LOG_PORT: '0',
      DATABASE_URL: 'postgres://db/usage',
      USAGE_LOG_WITNESS_URL: 'http://127.0.0.1:8086',
      USAGE_LOG_WITNESS_KEY: witness,
    })
    expect(settings).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      database: { url: 'postgres://db/usage' },
      origin: ORIGIN,
      witness: { url: 'http://127.0.0.1:8086', key: { name: 'w.test/1' } },
    })
    expect(settings.signer.name).toBe('ee-dev/GOV/70000349/emta-usage-log')
    expect(settings.signer.seed).toEqual(SEED)
  })

  it('defaults to port 8087, PGlite in .data/usage-log and no witness', () => {
    const settings = loadUsageLogSettings(base)
    expect(settings.port).toBe(8087)
    expect(settings.database).toEqual({
      dataDir: expect.stringMatching(/\.data\/usage-log$/),
    })
    expect(settings.witness).toBeUndefined()
  })

  it('names the setting that is wrong, never echoing the seed', () => {
    const cases: [Record<string, string>, string][] = [
      [{ ...base, USAGE_LOG_ORIGIN: '' }, 'USAGE_LOG_ORIGIN'],
      [{ ...base, USAGE_LOG_ORIGIN: 'a\nb' }, 'USAGE_LOG_ORIGIN'],
      [{ ...base, USAGE_LOG_SEED: 'not base64!' }, 'USAGE_LOG_SEED'],
      [
        { ...base, USAGE_LOG_SEED: toBase64(new Uint8Array(16)) },
        'USAGE_LOG_SEED',
      ],
      [{ ...base, USAGE_LOG_PORT: '70000' }, 'USAGE_LOG_PORT'],
      [{ ...base, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ ...base, USAGE_LOG_WITNESS_KEY: witness }, 'USAGE_LOG_WITNESS_URL'],
      [
        {
          ...base,
          USAGE_LOG_WITNESS_URL: 'http://w',
          USAGE_LOG_WITNESS_KEY: 'x',
        },
        'USAGE_LOG_WITNESS_KEY',
      ],
      [
        {
          ...base,
          USAGE_LOG_WITNESS_URL: 'http://w',
          // A log key, not a witness key.
          USAGE_LOG_WITNESS_KEY: formatVerifierKey(
            verifierOf(generateSigner('log')),
          ),
        },
        'USAGE_LOG_WITNESS_KEY',
      ],
    ]
    for (const [env, setting] of cases) {
      let error: unknown
      try {
        loadUsageLogSettings(env)
      } catch (caught) {
        error = caught
      }
      expect(error, setting).toBeInstanceOf(UsageLogSettingError)
      expect((error as UsageLogSettingError).setting).toBe(setting)
      expect((error as Error).message).not.toContain(env.USAGE_LOG_SEED)
    }
  })
})
