import { describe, expect, it } from 'vitest'
import {
  NoteError,
  NoteKeyError,
  SIGNATURE_TYPE,
  addSignatureLines,
  cosign,
  formatCheckpoint,
  formatVerifierKey,
  fromBase64,
  generateSigner,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  signNote,
  signerFromSeed,
  verifierOf,
  verifyCosignatureLine,
  verifyCosignatures,
  verifyNote,
} from './index.ts'

// The published example of golang.org/x/mod/sumdb/note (a different
// implementation): Ed25519 is deterministic, so signing its text with its
// key must give its note byte for byte.
const PETER_SKEY = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
const PETER_VKEY =
  'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const PETER_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n"
const PETER_NOTE =
  PETER_TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
// A witness key (type 0x04) published by transparency-dev/formats' tests.
const REMORA_VKEY =
  'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2'

const peter = signerFromSeed('PeterNeumann', fromBase64(PETER_SKEY).slice(1))

describe('signed notes', () => {
  it('reproduces the Go reference note and its verifier key', () => {
    expect(signNote(PETER_TEXT, peter)).toBe(PETER_NOTE)
    expect(formatVerifierKey(verifierOf(peter))).toBe(PETER_VKEY)
    expect(verifyNote(PETER_NOTE, parseVerifierKey(PETER_VKEY))).toBe(
      PETER_TEXT,
    )
  })

  it('reads a published witness key of type 0x04', () => {
    const key = parseVerifierKey(REMORA_VKEY)
    expect(key.type).toBe(SIGNATURE_TYPE.cosignatureV1)
    expect(formatVerifierKey(key)).toBe(REMORA_VKEY)
  })

  it('reads back a verifier key whose base64 holds a +', () => {
    // Found by search, so the case cannot silently stop being covered.
    let seed = 0
    let key = verifierOf(signerFromSeed('plus', new Uint8Array(32)))
    while (formatVerifierKey(key).split('+').length === 3) {
      seed++
      key = verifierOf(signerFromSeed('plus', new Uint8Array(32).fill(seed)))
    }
    const text = formatVerifierKey(key)
    expect(text.split('+').length).toBeGreaterThan(3)
    expect(parseVerifierKey(text)).toEqual(key)
  })

  it('refuses a key whose id does not match, or is malformed', () => {
    expect(() =>
      parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4')),
    ).toThrow(NoteKeyError)
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow(
      NoteKeyError,
    )
    expect(() =>
      parseVerifierKey(`Peter Neumann+c74f20a3+${PETER_VKEY.split('+')[2]}`),
    ).toThrow(NoteKeyError)
  })

  it('refuses a changed text, a changed signature and a missing signer', () => {
    const key = parseVerifierKey(PETER_VKEY)
    expect(() =>
      verifyNote(PETER_NOTE.replace('cryptography', 'cryptographY'), key),
    ).toThrow(NoteError)
    expect(() => verifyNote(PETER_NOTE.replace('x08go', 'x08gp'), key)).toThrow(
      NoteError,
    )
    const other = verifierOf(generateSigner('PeterNeumann'))
    expect(() => verifyNote(PETER_NOTE, other)).toThrow(/no signature/)
  })

  it('refuses malformed notes', () => {
    const bad = [
      PETER_TEXT, // no signatures
      PETER_NOTE.replace('\n\n', '\n'),
      PETER_NOTE.replace('— ', '-- '),
      PETER_NOTE.slice(0, -1),
      PETER_NOTE.replace('problem,\n', 'problem,\r\n'),
      `${PETER_TEXT}\n— PeterNeumann AAAA\n`,
    ]
    for (const note of bad)
      expect(() => parseNote(note), note).toThrow(NoteError)
  })

  it('ignores lines from unknown keys and keeps added lines once', () => {
    const stranger = signNote(PETER_TEXT, generateSigner('stranger.example'))
    const line = parseNote(stranger).signatures[0]!.line
    const both = addSignatureLines(PETER_NOTE, [line, line])
    expect(parseNote(both).signatures).toHaveLength(2)
    expect(verifyNote(both, parseVerifierKey(PETER_VKEY))).toBe(PETER_TEXT)
  })
})

describe('checkpoints and cosignatures', () => {
  const root = new Uint8Array(32).fill(7)
  const log = generateSigner('ee-dev/GOV/70000349/emta/income-tax')
  const witness = generateSigner(
    'witness.sandbox.example',
    SIGNATURE_TYPE.cosignatureV1,
  )

  it('formats and reads a checkpoint', () => {
    const text = formatCheckpoint({
      origin: log.name,
      size: 20852163,
      rootHash: root,
    })
    expect(text).toBe(
      `${log.name}\n20852163\n${btoa(String.fromCharCode(...root))}\n`,
    )
    expect(parseCheckpoint(text)).toEqual({
      origin: log.name,
      size: 20852163,
      rootHash: root,
      extensions: [],
    })
  })

  it('refuses sizes with leading zeros, short roots and missing lines', () => {
    const good = formatCheckpoint({ origin: 'o', size: 5, rootHash: root })
    expect(() => parseCheckpoint(good.replace('\n5\n', '\n05\n'))).toThrow(
      NoteError,
    )
    expect(() => parseCheckpoint(good.replace('\n5\n', '\n-5\n'))).toThrow(
      NoteError,
    )
    expect(() => parseCheckpoint('o\n5\nAAAA\n')).toThrow(NoteError)
    expect(() => parseCheckpoint('o\n5\n')).toThrow(NoteError)
    expect(() =>
      formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root }),
    ).toThrow()
  })

  it('verifies a witness cosignature and rejects it on another checkpoint', () => {
    const text = formatCheckpoint({
      origin: log.name,
      size: 10,
      rootHash: root,
    })
    const note = signNote(text, log)
    const line = cosign(text, witness, 1_700_000_000)
    const cosigned = addSignatureLines(note, [line])

    expect(verifyNote(cosigned, verifierOf(log))).toBe(text)
    const [found] = verifyCosignatures(cosigned, [verifierOf(witness)])
    expect(found).toEqual({
      witness: witness.name,
      timestamp: 1_700_000_000,
      line,
    })

    const other = formatCheckpoint({
      origin: log.name,
      size: 11,
      rootHash: root,
    })
    expect(() =>
      verifyCosignatureLine(other, line, verifierOf(witness)),
    ).toThrow(NoteError)
    // The time is signed too: a changed timestamp does not verify.
    const bytes = fromBase64(line.split(' ')[2]!)
    bytes[11] = (bytes[11]! + 1) % 256
    const moved = `— ${witness.name} ${btoa(String.fromCharCode(...bytes))}`
    expect(() =>
      verifyCosignatureLine(text, moved, verifierOf(witness)),
    ).toThrow(NoteError)
  })

  it('keeps the two key types apart', () => {
    const text = formatCheckpoint({ origin: log.name, size: 1, rootHash: root })
    expect(() => signNote(text, witness)).toThrow(NoteError)
    expect(() => cosign(text, log, 1)).toThrow(NoteError)
    // The same seed under type 0x04 has another key id, so a log key's
    // note signature never passes for a cosignature.
    const asWitness = signerFromSeed(
      log.name,
      log.seed,
      SIGNATURE_TYPE.cosignatureV1,
    )
    expect(
      verifyCosignatures(signNote(text, log), [verifierOf(asWitness)]),
    ).toEqual([])
  })
})
