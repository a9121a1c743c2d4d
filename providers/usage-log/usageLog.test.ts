import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cosign } from '../../common/checkpoint/cosignature.ts'
import {
  generateSigner,
  SIGNATURE_TYPE,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import { parseCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import { parseNote, verifyNote } from '../../common/checkpoint/note.ts'
import { leafHash } from '../../common/merkle/hashes.ts'
import { ReferenceTree } from '../../common/merkle/referenceTree.ts'
import {
  verifyConsistency,
  verifyInclusion,
} from '../../common/merkle/verify.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateUsageLog } from './db/migrate.ts'
import { UsageError } from './errors.ts'
import { recordLeafHash } from './record.ts'
import { tables } from './tables.ts'
import { UsageLog } from './usageLog.ts'
import { entry, JOHN, MARY } from './usageLogTestKit.ts'

const ORIGIN = 'ee-dev/GOV/70000349/emta/income-tax usage log'
const witness = generateSigner('sandbox-witness', SIGNATURE_TYPE.cosignatureV1)

/** Every stored leaf hash of a log, in order, straight from the table. */
async function storedLeaves(db: Kysely<unknown>, logId: number) {
  const rows = await tables(db)
    .selectFrom('usage_log_node')
    .select('hash')
    .where('log_id', '=', logId)
    .where('level', '=', 0)
    .orderBy('idx')
    .execute()
  return rows.map((row) => new Uint8Array(row.hash))
}

describe.each(testDatabases())('the usage log on $name', (engine) => {
  let database: PortalDatabase
  let db: Kysely<unknown>
  let log: UsageLog
  let n = 0
  /** Sizes of checkpoints made by batches of different sizes. */
  const sizes: number[] = []

  beforeAll(async () => {
    database = await engine.open()
    db = database.db as Kysely<unknown>
    await migrateUsageLog(db)
    log = await UsageLog.open(db, {
      origin: ORIGIN,
      witnesses: [verifierOf(witness)],
    })
    // Batches of 1, 2, 3, … 12 concurrent appends: 78 records.
    for (let batch = 1; batch <= 12; batch++) {
      const appended = await Promise.all(
        Array.from({ length: batch }, () => log.append(entry(n++))),
      )
      sizes.push(Math.max(...appended.map((a) => a.size)))
    }
  })

  afterAll(async () => {
    await database?.close()
  })

  it('gives each record the next index once it is committed', async () => {
    expect(await log.size()).toBe(n)
    const rows = await tables(db)
      .selectFrom('usage_log_record')
      .select(['idx', 'record'])
      .where('log_id', '=', log.id)
      .orderBy('idx')
      .execute()
    expect(rows.map((r) => Number(r.idx))).toEqual(
      Array.from({ length: n }, (_, i) => i),
    )
    // The stored leaf is SHA-256(0x00 ‖ the stored canonical record).
    const leaves = await storedLeaves(db, log.id)
    rows.forEach((row, i) => {
      expect(leafHash(new TextEncoder().encode(row.record))).toEqual(leaves[i])
      expect(recordLeafHash(JSON.parse(row.record))).toEqual(leaves[i])
    })
  })

  it('signs a checkpoint of the reference tree’s root after every batch', async () => {
    const tree = new ReferenceTree(await storedLeaves(db, log.id))
    const latest = await log.latestCheckpoint()
    expect(latest?.size).toBe(n)
    for (const size of sizes) {
      const checkpoint = await log.checkpoint(size)
      expect(checkpoint, `checkpoint ${size}`).toBeDefined()
      const text = verifyNote(checkpoint!.note, log.verifier)
      const parsed = parseCheckpoint(text)
      expect(parsed.origin).toBe(ORIGIN)
      expect(parsed.size).toBe(size)
      expect(parsed.rootHash).toEqual(tree.root(size))
    }
    expect(await log.checkpoint(n + 1)).toBeUndefined()
  })

  it('proves inclusion and consistency for every index and checkpoint', async () => {
    const leaves = await storedLeaves(db, log.id)
    const tree = new ReferenceTree(leaves)
    for (const size of sizes) {
      const root = tree.root(size)
      const indexes = Array.from({ length: size }, (_, i) => i)
      const proofs = await log.inclusionProofs(indexes, size)
      for (const index of indexes) {
        const proof = await log.inclusionProof(index, size)
        expect(proof).toEqual(tree.inclusionProof(index, size))
        expect(proofs[index]).toEqual(proof)
        verifyInclusion(index, size, leaves[index]!, proof, root)
      }
      for (const earlier of [0, ...sizes.filter((s) => s <= size)]) {
        const proof = await log.consistencyProof(earlier, size)
        expect(proof).toEqual(tree.consistencyProof(earlier, size))
        verifyConsistency(earlier, size, proof, tree.root(earlier), root)
      }
    }
  })

  it('refuses proofs the log cannot give', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'answered',
        (error: unknown) => (error instanceof UsageError ? error.code : error),
      )
    expect(await refusal(log.inclusionProof(n, n))).toBe('INVALID_SIZE')
    expect(await refusal(log.inclusionProof(0, n + 1))).toBe('BEYOND_LOG')
    expect(await refusal(log.inclusionProof(-1, 3))).toBe('INVALID_SIZE')
    expect(await refusal(log.inclusionProof(0.5, 3))).toBe('INVALID_SIZE')
    expect(await refusal(log.consistencyProof(5, 4))).toBe('INVALID_SIZE')
    expect(await refusal(log.consistencyProof(1, n + 1))).toBe('BEYOND_LOG')
  })

  it('lets the database refuse to change or delete anything kept for ever', async () => {
    const attempts = [
      sql`UPDATE usage_log_node SET hash = hash WHERE log_id = ${log.id}`,
      sql`DELETE FROM usage_log_node WHERE log_id = ${log.id}`,
      sql`UPDATE usage_log_checkpoint SET note = note WHERE log_id = ${log.id}`,
      sql`DELETE FROM usage_log_checkpoint WHERE log_id = ${log.id}`,
      sql`UPDATE usage_log_record SET record = record WHERE log_id = ${log.id}`,
      sql`TRUNCATE usage_log_record`,
      sql`DELETE FROM usage_log_key`,
      sql`UPDATE usage_log SET origin = 'other'`,
    ]
    for (const attempt of attempts) {
      await expect(attempt.execute(db)).rejects.toThrow(/append-only/)
    }
    expect(await log.size()).toBe(n)
  })

  it('shows a person only their own records, newest first', async () => {
    const now = new Date()
    const mary = await log.findRecords({
      personalCode: MARY,
      offset: 0,
      limit: 1000,
      now,
    })
    const john = await log.findRecords({
      personalCode: JOHN,
      offset: 0,
      limit: 1000,
      now,
    })
    expect(mary.total + john.total).toBe(n)
    expect(john.total).toBe(Math.ceil(n / 3))
    expect(
      mary.records.every((r) => r.record.whose.personalCode === MARY),
    ).toBe(true)
    expect(
      john.records.every((r) => r.record.whose.personalCode === JOHN),
    ).toBe(true)
    const times = mary.records.map((r) => r.record.when)
    expect(times).toEqual([...times].sort().reverse())
    const page = await log.findRecords({
      personalCode: MARY,
      periodStart: new Date(Date.UTC(2025, 5, 15, 10, 0, 10)),
      periodEnd: new Date(Date.UTC(2025, 5, 15, 10, 0, 20)),
      offset: 1,
      limit: 3,
      now,
    })
    // Seconds 10–20 hold 11 records, of which 4 are John's (12, 15, 18).
    expect(page.total).toBe(8)
    expect(page.records.map((r) => r.record.messageId)).toEqual([
      'message-19',
      'message-17',
      'message-16',
    ])
  })

  it('hides a covert record until its time, then proves it at its index', async () => {
    const visibleAfter = new Date(Date.UTC(2030, 0, 1))
    const covert = await log.append(
      entry(1000, {
        whose: { personalCode: JOHN },
        visibleAfter: visibleAfter.toISOString(),
        why: 'covert',
      }),
    )
    const find = (now: Date) =>
      log.findRecords({ personalCode: JOHN, offset: 0, limit: 1000, now })
    const before = await find(new Date(visibleAfter.getTime() - 1))
    expect(before.records.some((r) => r.record.why === 'covert')).toBe(false)
    const after = await find(visibleAfter)
    const shown = after.records.find((r) => r.record.why === 'covert')
    expect(shown?.index).toBe(covert.index)
    expect(after.total).toBe(before.total + 1)

    const checkpoint = (await log.latestCheckpoint())!
    const proof = await log.inclusionProof(shown!.index, checkpoint.size)
    verifyInclusion(
      shown!.index,
      checkpoint.size,
      leafHash(new TextEncoder().encode(shown!.text)),
      proof,
      checkpoint.rootHash,
    )
    n++
  })

  it('keeps every proof valid after retention purges record bodies', async () => {
    const before = await log.latestCheckpoint()
    const purged = await log.purgeRecordsBefore(
      new Date(Date.UTC(2025, 5, 15, 10, 0, 30)),
    )
    expect(purged).toBe(30)
    const kept = await log.findRecords({
      personalCode: MARY,
      offset: 0,
      limit: 1000,
      now: new Date(),
    })
    expect(kept.records.every((r) => r.index >= 30)).toBe(true)
    expect(await log.oldestRecord()).toEqual(
      new Date(Date.UTC(2025, 5, 15, 10, 0, 30)),
    )
    const leaves = await storedLeaves(db, log.id)
    expect(leaves).toHaveLength(n)
    const tree = new ReferenceTree(leaves)
    expect(tree.root()).toEqual(before!.rootHash)
    for (const index of [0, 7, 29, 30, n - 1]) {
      verifyInclusion(
        index,
        n,
        leaves[index]!,
        await log.inclusionProof(index, n),
        before!.rootHash,
      )
    }
    // Appending still works on top of the purged bodies.
    const next = await log.append(entry(n))
    expect(next.index).toBe(n)
    n++
  })

  it('stores a configured witness’s cosignature and refuses others', async () => {
    const checkpoint = (await log.latestCheckpoint())!
    const text = parseNote(checkpoint.note).text
    expect(await log.latestWitnessedCheckpoint()).toBeUndefined()

    const stranger = generateSigner(witness.name, SIGNATURE_TYPE.cosignatureV1)
    const refusals = [
      cosign(text, stranger, 1_750_000_000),
      cosign(text.replace(/\n\d+\n/, '\n1\n'), witness, 1_750_000_000),
      'not a signature line',
    ]
    for (const line of refusals) {
      await expect(log.addCosignature(checkpoint.size, line)).rejects.toThrow(
        UsageError,
      )
    }
    await expect(
      log.addCosignature(checkpoint.size + 5, refusals[0]!),
    ).rejects.toMatchObject({ code: 'NO_CHECKPOINT' })

    const line = cosign(text, witness, 1_750_000_000)
    await log.addCosignature(checkpoint.size, line)
    await log.addCosignature(checkpoint.size, line)
    const witnessed = await log.latestWitnessedCheckpoint()
    expect(witnessed?.size).toBe(checkpoint.size)
    expect(witnessed?.witnesses).toEqual([witness.name])
    expect(witnessed?.note).toBe(`${checkpoint.note}${line}\n`)
    verifyNote(witnessed!.note, log.verifier)

    // A newer checkpoint is not witnessed until a witness cosigns it.
    await log.append(entry(n++))
    expect((await log.latestCheckpoint())?.size).toBe(checkpoint.size + 1)
    expect((await log.latestWitnessedCheckpoint())?.size).toBe(checkpoint.size)
  })

  it('lets two sequencers (two portal instances) append to one log', async () => {
    const other = await UsageLog.open(db, { origin: ORIGIN })
    expect(other.id).toBe(log.id)
    expect(other.verifierKey).toBe(log.verifierKey)
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? log : other).append(entry(n + i)),
      ),
    )
    n += 40
    expect(new Set(appended.map((a) => a.index)).size).toBe(40)
    const leaves = await storedLeaves(db, log.id)
    expect(leaves).toHaveLength(n)
    const latest = (await log.latestCheckpoint())!
    expect(latest.size).toBe(n)
    expect(latest.rootHash).toEqual(new ReferenceTree(leaves).root())
    for (const a of appended) expect(leaves[a.index]).toEqual(a.leafHash)
  })

  it('keeps each origin’s log and key apart', async () => {
    const other = await UsageLog.open(db, {
      origin: 'ee-dev/GOV/70008440/population usage log',
    })
    expect(other.id).not.toBe(log.id)
    expect(other.verifierKey).not.toBe(log.verifierKey)
    expect(await other.size()).toBe(0)
    expect(await other.latestCheckpoint()).toBeUndefined()
    const first = await other.append(entry(0))
    expect(first.index).toBe(0)
    expect((await other.latestCheckpoint())?.rootHash).toEqual(first.leafHash)
  })
})
