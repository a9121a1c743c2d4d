/**
 * Where the hashes of a Merkle tree (RFC 9162) live when a log stores only
 * its perfect subtrees: node (level, index) is the hash of leaves
 * [index·2^level, (index+1)·2^level), level 0 being the leaf hashes. Any
 * range a proof needs is a few such nodes, so a proof reads O(log n) rows.
 * Pure arithmetic, no storage.
 */

/** One stored node: a perfect subtree of 2^level leaves. */
export interface NodeKey {
  level: number
  index: number
}

/** A run of leaves [start, end) whose hash (MTH) a proof needs. */
export interface LeafRange {
  start: number
  end: number
}

/** The largest power of two below `n` (n ≥ 2). */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/**
 * The perfect subtrees that make up [start, end), left to right. The
 * range's hash is their hashes folded from the right:
 * `h1 · (h2 · (… · hk))`, as MTH splits off its largest power of two.
 */
export function perfectNodes({ start, end }: LeafRange): NodeKey[] {
  const nodes: NodeKey[] = []
  let at = start
  while (at < end) {
    let level = 0
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++
    nodes.push({ level, index: at / 2 ** level })
    at += 2 ** level
  }
  return nodes
}

/** PATH(index, D[0:size]) as ranges, in proof order (RFC 9162, 2.1.3.1). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = []
  let start = 0
  let end = size
  while (end - start > 1) {
    const k = split(end - start)
    if (index - start < k) {
      ranges.push({ start: start + k, end })
      end = start + k
    } else {
      ranges.push({ start, end: start + k })
      start += k
    }
  }
  return ranges.reverse()
}

/** PROOF(size1, D[0:size2]) as ranges, in proof order (2.1.4.1). */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  if (size1 === 0 || size1 === size2) return []
  const ranges: LeafRange[] = []
  let start = 0
  let end = size2
  let m = size1
  let whole = true
  for (;;) {
    const n = end - start
    if (m === n) {
      if (!whole) ranges.push({ start, end })
      break
    }
    const k = split(n)
    if (m <= k) {
      ranges.push({ start: start + k, end })
      end = start + k
    } else {
      ranges.push({ start, end: start + k })
      start += k
      m -= k
      whole = false
    }
  }
  return ranges.reverse()
}

/**
 * The right edge of a tree of `size` leaves: its largest perfect
 * subtrees, one per bit set in `size`, highest level first. A tree's root
 * is these folded from the right, and appends need only these old nodes.
 */
export function frontier(size: number): NodeKey[] {
  return perfectNodes({ start: 0, end: size })
}

/** The inner nodes that become complete when a tree grows from→to. */
export function newInnerNodes(from: number, to: number): NodeKey[] {
  const nodes: NodeKey[] = []
  for (let level = 1; 2 ** level <= to; level++) {
    const width = 2 ** level
    const first = Math.floor(from / width)
    const last = Math.floor(to / width)
    for (let index = first; index < last; index++) nodes.push({ level, index })
  }
  return nodes
}

/** A stable text key for maps of nodes. */
export const nodeId = ({ level, index }: NodeKey) => `${level}:${index}`
