import { HASH_SIZE, nodeHash, sameHash } from './hashes.ts'

/** Why a Merkle proof was refused. */
export class MerkleProofError extends Error {
  override name = 'MerkleProofError'
}

function fail(message: string): never {
  throw new MerkleProofError(message)
}

function checkSize(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(`${what} must be a whole number, 0 or more; it is ${value}`)
  }
}

function checkHash(what: string, hash: Uint8Array): void {
  if (hash.length !== HASH_SIZE) {
    fail(`${what} has ${hash.length} bytes instead of ${HASH_SIZE}`)
  }
}

function checkHashes(what: string, hashes: readonly Uint8Array[]): void {
  hashes.forEach((hash, i) => checkHash(`${what}[${i}]`, hash))
}

/** Is bit 0 of `n` set? */
const odd = (n: number) => n % 2 === 1
const half = (n: number) => Math.floor(n / 2)

/**
 * Checks that the leaf with hash `leaf` sits at `index` in the tree of
 * `size` leaves whose root is `root` (RFC 9162, 2.1.3.2). Throws
 * MerkleProofError saying why when it does not.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkSize('leaf index', index)
  checkSize('tree size', size)
  checkHash('leaf hash', leaf)
  checkHash('root', root)
  checkHashes('proof', proof)
  if (index >= size) fail(`leaf index ${index} is outside a tree of ${size}`)

  let fn = index
  let sn = size - 1
  let hash = leaf
  for (const sibling of proof) {
    if (sn === 0) fail('the proof is longer than the tree is deep')
    if (odd(fn) || fn === sn) {
      hash = nodeHash(sibling, hash)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      hash = nodeHash(hash, sibling)
    }
    fn = half(fn)
    sn = half(sn)
  }
  if (sn !== 0) fail('the proof is shorter than the tree is deep')
  if (!sameHash(hash, root)) fail('the proof leads to another root')
}

const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the
 * tree of `size1` leaves with root `root1`: nothing in the first was
 * changed or removed (RFC 9162, 2.1.4.2). Throws MerkleProofError saying
 * why when it does not.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSize('first size', size1)
  checkSize('second size', size2)
  checkHash('first root', root1)
  checkHash('second root', root2)
  checkHashes('proof', proof)
  if (size2 < size1) fail(`the second tree (${size2}) is smaller (${size1})`)

  if (size1 === size2) {
    if (proof.length > 0) fail('trees of one size need an empty proof')
    if (!sameHash(root1, root2)) fail('trees of one size have two roots')
    return
  }
  if (size1 === 0) {
    if (proof.length > 0) fail('an empty tree needs an empty proof')
    return
  }
  if (proof.length === 0) fail('the proof is empty')

  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof]
  let fn = size1 - 1
  let sn = size2 - 1
  while (odd(fn)) {
    fn = half(fn)
    sn = half(sn)
  }
  const [first, ...rest] = path
  if (!first) fail('the proof is empty')
  let firstRoot = first
  let secondRoot = first
  for (const node of rest) {
    if (sn === 0) fail('the proof is longer than the trees are deep')
    if (odd(fn) || fn === sn) {
      firstRoot = nodeHash(node, firstRoot)
      secondRoot = nodeHash(node, secondRoot)
      while (!odd(fn) && fn !== 0) {
        fn = half(fn)
        sn = half(sn)
      }
    } else {
      secondRoot = nodeHash(secondRoot, node)
    }
    fn = half(fn)
    sn = half(sn)
  }
  if (sn !== 0) fail('the proof is shorter than the trees are deep')
  if (!sameHash(firstRoot, root1)) fail('the proof leads to another first root')
  if (!sameHash(secondRoot, root2)) {
    fail('the proof leads to another second root')
  }
}
