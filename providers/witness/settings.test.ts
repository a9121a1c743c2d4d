import { describe, expect, it } from 'vitest'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import {
  SIGNATURE_TYPE,
  formatVerifierKey,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '../../common/checkpoint/sandboxKeys.ts'
import { WitnessSettingError, loadWitnessSettings } from './settings.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'
const SEED = toBase64(new Uint8Array(32).fill(9))
const env = {
  WITNESS_NAME: 'witness.example/w1',
  WITNESS_SEED: SEED,
  WITNESS_LOGS: JSON.stringify({
    [ORIGIN]: formatVerifierKey(verifierOf(sandboxLogSigner(ORIGIN))),
  }),
}

describe('witness settings', () => {
  it('reads the key, the logs and the defaults', () => {
    const settings = loadWitnessSettings(env)
    expect(settings.port).toBe(8086)
    expect(settings.host).toBe('127.0.0.1')
    expect(settings.database).toEqual({
      dataDir: expect.stringMatching(/\.data\/witness$/),
    })
    expect(settings.signer.type).toBe(SIGNATURE_TYPE.cosignatureV1)
    expect(settings.signer.name).toBe('witness.example/w1')
    expect(settings.logs.get(ORIGIN)?.publicKey).toEqual(
      sandboxLogSigner(ORIGIN).publicKey,
    )
    expect(
      loadWitnessSettings({
        ...env,
        WITNESS_PORT: '0',
        DATABASE_URL: 'postgres://x/y',
      }),
    ).toMatchObject({ port: 0, database: { url: 'postgres://x/y' } })
  })

  it('names the wrong setting, never echoing the seed', () => {
    const cases: [Record<string, string>, string][] = [
      [{ WITNESS_PORT: '70000' }, 'WITNESS_PORT'],
      [{ WITNESS_NAME: '' }, 'WITNESS_NAME'],
      [{ WITNESS_NAME: 'a b' }, 'WITNESS_NAME'],
      [{ WITNESS_SEED: 'c2VjcmV0' }, 'WITNESS_SEED'],
      [{ WITNESS_SEED: 'secret!' }, 'WITNESS_SEED'],
      [{ WITNESS_LOGS: 'x' }, 'WITNESS_LOGS'],
      [{ WITNESS_LOGS: '{}' }, 'WITNESS_LOGS'],
      [{ WITNESS_LOGS: JSON.stringify({ [ORIGIN]: 'bad' }) }, 'WITNESS_LOGS'],
      [
        {
          // A witness key is not a log key.
          WITNESS_LOGS: JSON.stringify({
            [ORIGIN]: formatVerifierKey(verifierOf(sandboxWitnessSigner())),
          }),
        },
        'WITNESS_LOGS',
      ],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    ]
    for (const [change, setting] of cases) {
      let error: unknown
      try {
        loadWitnessSettings({ ...env, ...change })
      } catch (e) {
        error = e
      }
      expect(error, setting).toBeInstanceOf(WitnessSettingError)
      expect((error as WitnessSettingError).setting).toBe(setting)
      expect((error as Error).message).not.toContain('c2VjcmV0')
      expect((error as Error).message).not.toContain('secret!')
    }
  })
})
