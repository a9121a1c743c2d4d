import { describe, expect, it } from 'vitest'
import {
  SIGNATURE_TYPE,
  cosign,
  formatCheckpoint,
  formatVerifierKey,
  parseVerifierKey,
  sandboxLogSigner,
  sandboxWitnessSigner,
  signNote,
  verifierOf,
  verifyCosignatureLine,
  verifyNote,
} from './index.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'

describe('sandbox keys', () => {
  it('derive the same log key for an origin every time, another per origin', () => {
    const a = sandboxLogSigner(ORIGIN)
    expect(a.type).toBe(SIGNATURE_TYPE.ed25519)
    expect(a.name).toBe('ee-dev/GOV/70000349/emta-usage-log')
    expect(formatVerifierKey(verifierOf(sandboxLogSigner(ORIGIN)))).toBe(
      formatVerifierKey(verifierOf(a)),
    )
    const other = sandboxLogSigner('ee-dev/GOV/70000310/ehif usage log')
    expect(other.publicKey).not.toEqual(a.publicKey)
  })

  it('give a log key that signs checkpoints and a witness key that cosigns', () => {
    const log = sandboxLogSigner(ORIGIN)
    const witness = sandboxWitnessSigner()
    expect(witness.type).toBe(SIGNATURE_TYPE.cosignatureV1)
    expect(witness.publicKey).toEqual(sandboxWitnessSigner().publicKey)
    const text = formatCheckpoint({
      origin: ORIGIN,
      size: 1,
      rootHash: new Uint8Array(32).fill(7),
    })
    const logKey = parseVerifierKey(formatVerifierKey(verifierOf(log)))
    expect(verifyNote(signNote(text, log), logKey)).toBe(text)
    const line = cosign(text, witness, 1_700_000_000)
    const witnessKey = parseVerifierKey(formatVerifierKey(verifierOf(witness)))
    expect(verifyCosignatureLine(text, line, witnessKey).timestamp).toBe(
      1_700_000_000,
    )
  })
})
