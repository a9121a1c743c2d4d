import { describe, expect, it } from 'vitest'
import { generateSigner, SIGNATURE_TYPE } from '../common/checkpoint/keys.ts'
import { cosign } from '../common/checkpoint/cosignature.ts'
import { signNote } from '../common/checkpoint/note.ts'
import { withNodeSigning } from './nodeSigner.ts'

describe('withNodeSigning', () => {
  it('signs notes and cosignatures with exactly the portable code’s bytes', () => {
    const log = generateSigner('example.org/log')
    const text =
      'example.org/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'
    expect(signNote(text, withNodeSigning(log))).toBe(signNote(text, log))
    const witness = generateSigner(
      'example.org/w',
      SIGNATURE_TYPE.cosignatureV1,
    )
    expect(cosign(text, withNodeSigning(witness), 1_700_000_000)).toBe(
      cosign(text, witness, 1_700_000_000),
    )
  })
})
