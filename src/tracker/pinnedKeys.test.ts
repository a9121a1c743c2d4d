import {
  SIGNATURE_TYPE,
  formatVerifierKey,
  generateSigner,
  verifierOf,
} from '@common/checkpoint/keys'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '@common/checkpoint/sandboxKeys'
import { describe, expect, it } from 'vitest'
import { pinnedKeys, pinnedKeysFromEnv } from './pinnedKeys'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'

describe('pinned keys', () => {
  it('are the sandbox keys in a build without key settings', () => {
    const keys = pinnedKeysFromEnv({})
    expect(keys.logKey(ORIGIN)).toEqual(verifierOf(sandboxLogSigner(ORIGIN)))
    expect(keys.logKey('example.com/log')).toBeUndefined()
    expect(keys.witnesses).toEqual([verifierOf(sandboxWitnessSigner())])
    // This test build sets none either.
    expect(pinnedKeys().witnesses).toEqual(keys.witnesses)
  })

  it('are only the configured keys in a build that sets them', () => {
    const log = generateSigner('real-log')
    const w1 = generateSigner('w1', SIGNATURE_TYPE.cosignatureV1)
    const w2 = generateSigner('w2', SIGNATURE_TYPE.cosignatureV1)
    const keys = pinnedKeysFromEnv({
      VITE_TRACKER_LOG_KEYS: JSON.stringify({
        [ORIGIN]: formatVerifierKey(verifierOf(log)),
      }),
      VITE_TRACKER_WITNESS_KEYS: `${formatVerifierKey(verifierOf(w1))},\n${formatVerifierKey(verifierOf(w2))}\n`,
    })
    expect(keys.logKey(ORIGIN)).toEqual(verifierOf(log))
    expect(keys.logKey('ee-dev/GOV/1/other usage log')).toBeUndefined()
    expect(keys.witnesses).toEqual([verifierOf(w1), verifierOf(w2)])
  })

  it('refuse settings with keys of the wrong type or no witness', () => {
    const log = formatVerifierKey(verifierOf(generateSigner('l')))
    const witness = formatVerifierKey(verifierOf(sandboxWitnessSigner()))
    expect(() =>
      pinnedKeysFromEnv({
        VITE_TRACKER_LOG_KEYS: JSON.stringify({ [ORIGIN]: witness }),
        VITE_TRACKER_WITNESS_KEYS: witness,
      }),
    ).toThrow(/wrong key type/)
    expect(() =>
      pinnedKeysFromEnv({
        VITE_TRACKER_LOG_KEYS: JSON.stringify({ [ORIGIN]: log }),
        VITE_TRACKER_WITNESS_KEYS: log,
      }),
    ).toThrow(/wrong key type/)
    expect(() =>
      pinnedKeysFromEnv({
        VITE_TRACKER_LOG_KEYS: JSON.stringify({ [ORIGIN]: log }),
      }),
    ).toThrow(/no witness/)
    expect(() => pinnedKeysFromEnv({ VITE_TRACKER_LOG_KEYS: '[]' })).toThrow(
      /JSON object/,
    )
  })
})
