import { sql, type Kysely } from 'kysely'
import { emptyRoot, nodeHash } from '../../common/merkle/hashes.ts'
import { bytes, tables } from './tables.ts'
import {
  nodeId,
  perfectNodes,
  type LeafRange,
  type NodeKey,
} from './treeShape.ts'

/** A stored node is missing: the tables were changed behind the log. */
export class MissingNodeError extends Error {
  override name = 'MissingNodeError'
}

/**
 * Reads the given stored nodes of one log in one query: per level, the
 * indexes go in as one array, so each level is one primary-key index scan
 * however many nodes a page of proofs needs.
 */
export async function readNodes(
  db: Kysely<unknown>,
  logId: number,
  keys: readonly NodeKey[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>()
  const byLevel = new Map<number, number[]>()
  for (const { level, index } of keys) {
    const indexes = byLevel.get(level) ?? []
    indexes.push(index)
    byLevel.set(level, indexes)
  }
  if (byLevel.size > 0) {
    const levels = [...byLevel].map(
      ([level, indexes]) =>
        sql`(level = ${level} AND idx = ANY(${indexes}::bigint[]))`,
    )
    const { rows } = await sql<{
      level: number
      idx: number | string
      hash: Uint8Array
    }>`
      SELECT level, idx, hash FROM usage_log_node
      WHERE log_id = ${logId} AND (${sql.join(levels, sql` OR `)})
    `.execute(db)
    for (const row of rows) {
      found.set(
        nodeId({ level: Number(row.level), index: Number(row.idx) }),
        bytes(row.hash),
      )
    }
  }
  for (const key of keys) {
    if (!found.has(nodeId(key))) {
      throw new MissingNodeError(
        `Node ${nodeId(key)} of log ${logId} is missing`,
      )
    }
  }
  return found
}

/** MTH of a range, from its perfect subtrees' hashes in `nodes`. */
export function rangeHash(
  range: LeafRange,
  nodes: ReadonlyMap<string, Uint8Array>,
): Uint8Array {
  const hashes = perfectNodes(range).map((key) => {
    const hash = nodes.get(nodeId(key))
    if (!hash) throw new MissingNodeError(`Node ${nodeId(key)} was not read`)
    return hash
  })
  if (hashes.length === 0) return emptyRoot()
  return hashes.reduceRight((right, left) => nodeHash(left, right))
}

/** The hashes of several ranges, reading each stored node once. */
export async function rangeHashes(
  db: Kysely<unknown>,
  logId: number,
  ranges: readonly LeafRange[],
): Promise<Uint8Array[]> {
  const keys = new Map<string, NodeKey>()
  for (const range of ranges) {
    for (const key of perfectNodes(range)) keys.set(nodeId(key), key)
  }
  const nodes = await readNodes(db, logId, [...keys.values()])
  return ranges.map((range) => rangeHash(range, nodes))
}

/** The number of leaves stored for a log. */
export async function storedSize(
  db: Kysely<unknown>,
  logId: number,
): Promise<number> {
  const row = await tables(db)
    .selectFrom('usage_log_node')
    .select((eb) => eb.fn.max('idx').as('last'))
    .where('log_id', '=', logId)
    .where('level', '=', 0)
    .executeTakeFirst()
  return row?.last === null || row?.last === undefined
    ? 0
    : Number(row.last) + 1
}
