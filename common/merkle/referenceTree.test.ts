import { describe, expect, it } from 'vitest'
import { emptyRoot, leafHash, nodeHash } from './hashes.ts'
import { ReferenceTree } from './referenceTree.ts'
import { verifyConsistency, verifyInclusion } from './verify.ts'

const MAX_SIZE = 300

const leaves = Array.from({ length: MAX_SIZE }, (_, i) =>
  leafHash(new TextEncoder().encode(`record ${i}`)),
)
const tree = new ReferenceTree(leaves)
const roots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => tree.root(n))

/** A copy of a hash with one bit flipped. */
function flipped(hash: Uint8Array, bit = 0): Uint8Array {
  const copy = new Uint8Array(hash)
  const at = (bit >> 3) % copy.length
  copy[at] = (copy[at] ?? 0) ^ (1 << (bit & 7))
  return copy
}

describe('the reference tree', () => {
  it('hashes as RFC 9162 defines for small trees', () => {
    const [a, b, c] = leaves as [Uint8Array, Uint8Array, Uint8Array]
    expect(tree.root(0)).toEqual(emptyRoot())
    expect(tree.root(1)).toEqual(a)
    expect(tree.root(2)).toEqual(nodeHash(a, b))
    expect(tree.root(3)).toEqual(nodeHash(nodeHash(a, b), c))
  })
})

describe(`proofs for every tree up to ${MAX_SIZE} leaves`, () => {
  it('prove and verify the inclusion of every leaf, and refuse a changed one', () => {
    let checked = 0
    for (let size = 1; size <= MAX_SIZE; size++) {
      const root = roots[size] as Uint8Array
      for (let index = 0; index < size; index++) {
        const leaf = leaves[index] as Uint8Array
        const proof = tree.inclusionProof(index, size)
        verifyInclusion(index, size, leaf, proof, root)
        expect(() =>
          verifyInclusion(index, size, flipped(leaf, index), proof, root),
        ).toThrow()
        if (size > 1) {
          expect(() =>
            verifyInclusion((index + 1) % size, size, leaf, proof, root),
          ).toThrow()
        }
        checked++
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2)
  })

  it('prove and verify that each tree extends every smaller one', () => {
    for (let size2 = 1; size2 <= MAX_SIZE; size2++) {
      const root2 = roots[size2] as Uint8Array
      for (let size1 = 0; size1 <= size2; size1++) {
        const root1 = roots[size1] as Uint8Array
        const proof = tree.consistencyProof(size1, size2)
        verifyConsistency(size1, size2, proof, root1, root2)
        if (size1 > 0 && size1 < size2) {
          expect(() =>
            verifyConsistency(size1, size2, proof, flipped(root1), root2),
          ).toThrow()
          expect(() =>
            verifyConsistency(size1, size2, proof, root1, flipped(root2)),
          ).toThrow()
        }
      }
    }
  })

  it('refuse a history in which an old leaf was rewritten', () => {
    const rewritten = [...leaves.slice(0, 100)]
    rewritten[42] = flipped(rewritten[42] as Uint8Array)
    const forged = new ReferenceTree(rewritten)
    const proof = forged.consistencyProof(50)
    expect(() =>
      verifyConsistency(50, 100, proof, roots[50] as Uint8Array, forged.root()),
    ).toThrow(/another first root/)
  })
})
