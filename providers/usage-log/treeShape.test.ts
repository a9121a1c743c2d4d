import { describe, expect, it } from 'vitest'
import { leafHash, nodeHash } from '../../common/merkle/hashes.ts'
import { ReferenceTree } from '../../common/merkle/referenceTree.ts'
import {
  consistencyRanges,
  frontier,
  inclusionRanges,
  newInnerNodes,
  nodeId,
  perfectNodes,
  type LeafRange,
} from './treeShape.ts'

const MAX_SIZE = 300
const leaves = Array.from({ length: MAX_SIZE }, (_, i) =>
  leafHash(new TextEncoder().encode(`leaf ${i}`)),
)
const tree = new ReferenceTree(leaves)

const perfect = new Map<string, Uint8Array>()

/** Every perfect subtree's hash, computed from the leaves alone. */
function perfectHash(level: number, index: number): Uint8Array {
  if (level === 0) return leaves[index] as Uint8Array
  const id = nodeId({ level, index })
  let hash = perfect.get(id)
  if (!hash) {
    hash = nodeHash(
      perfectHash(level - 1, 2 * index),
      perfectHash(level - 1, 2 * index + 1),
    )
    perfect.set(id, hash)
  }
  return hash
}

/** Hashes as one text, for quick comparison of many proofs. */
const hex = (hashes: Uint8Array[]) =>
  hashes.map((h) => Buffer.from(h).toString('hex')).join(' ')

/** A range's hash from its perfect subtrees, folded from the right. */
function rangeHash(range: LeafRange): Uint8Array {
  const hashes = perfectNodes(range).map((n) => perfectHash(n.level, n.index))
  return hashes.reduceRight((right, left) => nodeHash(left, right))
}

describe(`the stored tree’s shape, for every size up to ${MAX_SIZE}`, () => {
  it('builds every inclusion proof from perfect subtrees', () => {
    for (let size = 1; size <= MAX_SIZE; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionRanges(index, size).map(rangeHash)
        if (hex(proof) !== hex(tree.inclusionProof(index, size))) {
          expect.fail(`inclusion proof of ${index} in ${size}`)
        }
      }
    }
  })

  it('builds every consistency proof from perfect subtrees', () => {
    for (let size2 = 1; size2 <= MAX_SIZE; size2++) {
      for (let size1 = 0; size1 <= size2; size1++) {
        const proof = consistencyRanges(size1, size2).map(rangeHash)
        if (hex(proof) !== hex(tree.consistencyProof(size1, size2))) {
          expect.fail(`consistency proof of ${size1} in ${size2}`)
        }
      }
    }
  })

  it('reads a root from the frontier, at most one node per level', () => {
    for (let size = 1; size <= MAX_SIZE; size++) {
      const edge = frontier(size)
      expect(edge.length).toBe(size.toString(2).replaceAll('0', '').length)
      expect(rangeHash({ start: 0, end: size })).toEqual(tree.root(size))
    }
  })

  it('names each inner node once, when it becomes complete', () => {
    const seen = new Set<string>()
    let size = 0
    for (const step of [1, 1, 3, 7, 1, 20, 64, 33]) {
      for (const node of newInnerNodes(size, size + step)) {
        expect(node.level).toBeGreaterThan(0)
        expect((node.index + 1) * 2 ** node.level).toBeLessThanOrEqual(
          size + step,
        )
        expect(seen.has(nodeId(node))).toBe(false)
        seen.add(nodeId(node))
      }
      size += step
    }
    // A tree of n leaves has n − popcount(n) complete inner nodes.
    expect(seen.size).toBe(size - size.toString(2).replaceAll('0', '').length)
  })
})
