import { emptyRoot, nodeHash } from './hashes.ts'

/** The largest power of two below `n` (n ≥ 2). */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * A Merkle tree over leaf hashes, computed straight from the definitions
 * of RFC 9162, 2.1: the reference that stored logs and their proofs are
 * checked against. Subtree hashes are remembered, so proofs for every
 * leaf of a few hundred stay cheap; it holds every leaf in memory.
 */
export class ReferenceTree {
  private readonly memo = new Map<string, Uint8Array>()

  constructor(private readonly leaves: readonly Uint8Array[]) {}

  /** MTH(D[start:end]). */
  private hash(start: number, end: number): Uint8Array {
    const n = end - start
    if (n === 0) return emptyRoot()
    if (n === 1) return this.leaves[start] as Uint8Array
    const key = `${start}:${end}`
    let hash = this.memo.get(key)
    if (!hash) {
      const k = split(n)
      hash = nodeHash(this.hash(start, start + k), this.hash(start + k, end))
      this.memo.set(key, hash)
    }
    return hash
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.leaves.length) {
      throw new RangeError(`No tree of ${size} in ${this.leaves.length} leaves`)
    }
  }

  /** The root of the tree of the first `size` leaves (all by default). */
  root(size = this.leaves.length): Uint8Array {
    this.checkSize(size)
    return this.hash(0, size)
  }

  /** PATH(index, D[0:size]): leaf `index`'s inclusion proof (2.1.3.1). */
  inclusionProof(index: number, size = this.leaves.length): Uint8Array[] {
    this.checkSize(size)
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`No leaf ${index} in a tree of ${size}`)
    }
    const path = (m: number, start: number, end: number): Uint8Array[] => {
      const n = end - start
      if (n === 1) return []
      const k = split(n)
      return m < k
        ? [...path(m, start, start + k), this.hash(start + k, end)]
        : [...path(m - k, start + k, end), this.hash(start, start + k)]
    }
    return path(index, 0, size)
  }

  /** PROOF(size1, D[0:size2]): the first tree is a prefix (2.1.4.1). */
  consistencyProof(size1: number, size2 = this.leaves.length): Uint8Array[] {
    this.checkSize(size2)
    if (!Number.isInteger(size1) || size1 < 0 || size1 > size2) {
      throw new RangeError(`No prefix of ${size1} in a tree of ${size2}`)
    }
    if (size1 === 0 || size1 === size2) return []
    const sub = (
      m: number,
      start: number,
      end: number,
      whole: boolean,
    ): Uint8Array[] => {
      const n = end - start
      if (m === n) return whole ? [] : [this.hash(start, end)]
      const k = split(n)
      return m <= k
        ? [...sub(m, start, start + k, whole), this.hash(start + k, end)]
        : [...sub(m - k, start + k, end, false), this.hash(start, start + k)]
    }
    return sub(size1, 0, size2, true)
  }
}
