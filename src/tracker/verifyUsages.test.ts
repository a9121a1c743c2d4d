import { canonicalJsonBytes } from '@common/canonicalJson'
import { toBase64 } from '@common/checkpoint/base64'
import { formatCheckpoint } from '@common/checkpoint/checkpoint'
import { cosign } from '@common/checkpoint/cosignature'
import {
  SIGNATURE_TYPE,
  generateSigner,
  verifierOf,
  type NoteSigner,
} from '@common/checkpoint/keys'
import { addSignatureLines, parseNote, signNote } from '@common/checkpoint/note'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '@common/checkpoint/sandboxKeys'
import { beforeEach, describe, expect, it } from 'vitest'
import { MerkleTestLog } from '../../tests/support/merkleTestLog'
import { memoryCheckpointStore, type CheckpointStore } from './checkpointStore'
import { failureReportFile } from './failureReport'
import { sandboxPinnedKeys, type PinnedKeys } from './pinnedKeys'
import {
  verifyUsages,
  type UsageToVerify,
  type VerifyInput,
} from './verifyUsages'

const ORIGIN = 'ee-dev/GOV/70000349/emta usage log'
const NOW = 1_767_000_000
const witness = sandboxWitnessSigner()

const recordOf = (i: number) => ({
  salt: `c2FsdA${i}==`,
  logtime: `2026-01-0${(i % 9) + 1}T10:00:00Z`,
  action: 'read',
  receiverCode: '70000349',
  nested: { z: 1, a: [i, 'ü'] },
})

/** A log of usage records, signed with the sandbox key of ORIGIN. */
class RecordLog extends MerkleTestLog {
  records: object[] = []

  constructor(signer: NoteSigner = sandboxLogSigner(ORIGIN)) {
    super(ORIGIN, signer)
  }

  add(count: number): void {
    for (let i = 0; i < count; i++) {
      const record = recordOf(this.records.length)
      this.records.push(record)
      this.appendData(canonicalJsonBytes(record))
    }
  }

  /** The checkpoint note with the sandbox witness's cosignature. */
  cosigned(size = this.size, by: NoteSigner[] = [witness]): string {
    const note = this.note(size)
    const { text } = parseNote(note)
    return addSignatureLines(
      note,
      by.map((w) => cosign(text, w, NOW)),
    )
  }

  usage(index: number, size = this.size): UsageToVerify {
    return {
      log: ORIGIN,
      leafIndex: index,
      record: this.records[index]!,
      proof: this.inclusion(index, size).map(toBase64),
      treeSize: size,
    }
  }

  usages(size = this.size): UsageToVerify[] {
    return Array.from({ length: size }, (_, i) => this.usage(i, size))
  }
}

describe('verifyUsages', () => {
  let log: RecordLog
  let store: CheckpointStore
  let keys: PinnedKeys
  let fetched: [number, number][]

  beforeEach(() => {
    log = new RecordLog()
    log.add(7)
    store = memoryCheckpointStore()
    keys = sandboxPinnedKeys()
    fetched = []
  })

  const input = (
    usages: UsageToVerify[],
    note: string | undefined = log.cosigned(),
    overrides: Partial<VerifyInput> = {},
  ): VerifyInput => ({
    usages,
    checkpoints: note === undefined ? {} : { [ORIGIN]: note },
    keys,
    store,
    fetchConsistency(origin, from, to) {
      expect(origin).toBe(ORIGIN)
      fetched.push([from, to])
      return Promise.resolve(log.consistency(from, to).map(toBase64))
    },
    now: () => new Date('2026-01-10T00:00:00Z'),
    ...overrides,
  })

  it('verifies every record of a signed, cosigned, growing log and stores its checkpoint', async () => {
    const first = await verifyUsages(input(log.usages()))
    expect(first.usages).toEqual(
      log.usages().map(() => ({ status: 'verified', treeSize: 7 })),
    )
    expect(first.logs[ORIGIN]).toEqual({
      origin: ORIGIN,
      status: 'verified',
      size: 7,
      cosignedBy: [witness.name],
    })
    expect(await store.get(ORIGIN)).toBe(log.cosigned())
    expect(fetched).toEqual([])

    log.add(10)
    const second = await verifyUsages(input(log.usages()))
    expect(second.usages.every((u) => u.status === 'verified')).toBe(true)
    expect(fetched).toEqual([[7, 17]])
    expect(await store.get(ORIGIN)).toBe(log.cosigned())
  })

  it('keeps pending records pending, whatever the log', async () => {
    const pending = { ...log.usage(6), proof: null, treeSize: null }
    const good = await verifyUsages(input([log.usage(0), pending]))
    expect(good.usages.map((u) => u.status)).toEqual(['verified', 'pending'])
    const unsigned = await verifyUsages(
      input([pending, log.usage(1)], log.note()),
    )
    expect(unsigned.usages).toEqual([
      { status: 'pending' },
      { status: 'failed', reason: 'MISSING_COSIGNATURE' },
    ])
    // Only pending records: nothing to check, nothing fetched.
    const only = await verifyUsages(input([pending], undefined))
    expect(only).toEqual({ usages: [{ status: 'pending' }], logs: {} })
  })

  it('fails a tampered record, a tampered proof and a wrong root as not included', async () => {
    const tampered = {
      ...log.usage(2),
      record: { ...recordOf(2), action: 'write' },
    }
    const moved = { ...log.usage(2), leafIndex: 3 }
    const proof = log.usage(4).proof!
    const flipped = {
      ...log.usage(4),
      proof: [toBase64(new Uint8Array(32).fill(1)), ...proof.slice(1)],
    }
    const result = await verifyUsages(
      input([tampered, moved, flipped, log.usage(5)]),
    )
    expect(result.usages).toEqual([
      { status: 'failed', reason: 'NOT_INCLUDED' },
      { status: 'failed', reason: 'NOT_INCLUDED' },
      { status: 'failed', reason: 'NOT_INCLUDED' },
      { status: 'verified', treeSize: 7 },
    ])

    // A checkpoint the log did sign and a witness did cosign, over another
    // root: no record leads to it.
    const text = formatCheckpoint({
      origin: ORIGIN,
      size: 7,
      rootHash: new Uint8Array(32).fill(9),
    })
    const wrongRoot = addSignatureLines(signNote(text, log.signer), [
      cosign(text, witness, NOW),
    ])
    const other = await verifyUsages(
      input(log.usages(), wrongRoot, { store: memoryCheckpointStore() }),
    )
    expect(
      other.usages.every(
        (u) => u.status === 'failed' && u.reason === 'NOT_INCLUDED',
      ),
    ).toBe(true)
  })

  it('fails malformed proofs and records', async () => {
    const result = await verifyUsages(
      input([
        { ...log.usage(0), proof: ['not base64!'] },
        { ...log.usage(0), proof: [toBase64(new Uint8Array(31))] },
        { ...log.usage(0), treeSize: 6 },
        { ...log.usage(0), record: { n: Number.NaN } },
        { ...log.usage(0), leafIndex: -1 },
      ]),
    )
    expect(result.usages.map((u) => u.status === 'failed' && u.reason)).toEqual(
      ['BAD_PROOF', 'BAD_PROOF', 'BAD_PROOF', 'BAD_RECORD', 'BAD_RECORD'],
    )
  })

  it('fails a checkpoint with a bad log signature, with a report, and stores nothing', async () => {
    const impostor = new RecordLog(generateSigner(log.signer.name))
    impostor.add(7)
    const result = await verifyUsages(input(log.usages(), impostor.cosigned()))
    expect(result.usages).toEqual(
      log.usages().map(() => ({
        status: 'failed',
        reason: 'BAD_LOG_SIGNATURE',
      })),
    )
    expect(result.logs[ORIGIN]?.report).toMatchObject({
      format: 'citizen-portal/usage-log-failure/v1',
      origin: ORIGIN,
      reason: 'BAD_LOG_SIGNATURE',
      servedCheckpoint: impostor.cosigned(),
      storedCheckpoint: null,
    })
    expect(await store.get(ORIGIN)).toBeUndefined()
  })

  it('fails a checkpoint no pinned witness cosigned, or whose cosignature is bad', async () => {
    const stranger = generateSigner(
      'stranger.test/witness',
      SIGNATURE_TYPE.cosignatureV1,
    )
    const cases: [string, string][] = [
      [log.note(), 'MISSING_COSIGNATURE'],
      [log.cosigned(7, [stranger]), 'MISSING_COSIGNATURE'],
      // The pinned witness's line over another checkpoint text.
      [
        addSignatureLines(log.note(), [
          cosign(parseNote(log.note(6)).text, witness, NOW),
        ]),
        'BAD_COSIGNATURE',
      ],
    ]
    for (const [note, reason] of cases) {
      const result = await verifyUsages(input([log.usage(0)], note))
      expect(result.usages, reason).toEqual([{ status: 'failed', reason }])
      expect(result.logs[ORIGIN]?.report?.reason).toBe(reason)
    }
    expect(await store.get(ORIGIN)).toBeUndefined()
    // The pinned one among others is enough.
    const both = await verifyUsages(
      input([log.usage(0)], log.cosigned(7, [stranger, witness])),
    )
    expect(both.logs[ORIGIN]?.cosignedBy).toEqual([witness.name])
  })

  it('fails a rewritten history, reporting both checkpoints and the proof', async () => {
    await verifyUsages(input(log.usages()))
    const kept = log.cosigned()
    log.rewrite(3)
    log.add(5)
    const result = await verifyUsages(input(log.usages()))
    expect(result.usages.every((u) => u.status === 'failed')).toBe(true)
    expect(result.usages[0]).toEqual({
      status: 'failed',
      reason: 'INCONSISTENT_HISTORY',
    })
    expect(result.logs[ORIGIN]?.report).toEqual({
      format: 'citizen-portal/usage-log-failure/v1',
      origin: ORIGIN,
      reason: 'INCONSISTENT_HISTORY',
      detail: expect.any(String),
      storedCheckpoint: kept,
      servedCheckpoint: log.cosigned(),
      consistencyProof: log.consistency(7, 12).map(toBase64),
      createdAt: '2026-01-10T00:00:00.000Z',
    })
    // The honest checkpoint stays stored: the next visit fails again.
    expect(await store.get(ORIGIN)).toBe(kept)
    // The report downloads as JSON holding all of it.
    const file = failureReportFile(result.logs[ORIGIN]!.report!)
    expect(file).toMatchObject({
      name: 'usage-log-failure-2026-01-10T00-00-00-000Z.json',
      type: 'application/json',
    })
    expect(JSON.parse(file.text)).toEqual(result.logs[ORIGIN]!.report)
  })

  it('fails a fork at the stored size, and a proof that cannot be fetched', async () => {
    await verifyUsages(input(log.usages()))
    log.rewrite(0)
    const fork = await verifyUsages(input([log.usage(1)]))
    expect(fork.usages).toEqual([
      { status: 'failed', reason: 'INCONSISTENT_HISTORY' },
    ])
    expect(fetched).toEqual([])

    const store2 = memoryCheckpointStore()
    await store2.put(ORIGIN, log.cosigned(3))
    const unavailable = await verifyUsages(
      input([log.usage(1)], log.cosigned(), {
        store: store2,
        fetchConsistency: () => Promise.reject(new Error('offline')),
      }),
    )
    expect(unavailable.usages).toEqual([
      { status: 'failed', reason: 'CONSISTENCY_UNAVAILABLE' },
    ])
    expect(await store2.get(ORIGIN)).toBe(log.cosigned(3))
  })

  it('accepts an older served checkpoint that the stored one extends, keeping the newer', async () => {
    await verifyUsages(input(log.usages()))
    const result = await verifyUsages(input(log.usages(5), log.cosigned(5)))
    expect(result.usages.every((u) => u.status === 'verified')).toBe(true)
    expect(fetched).toEqual([[5, 7]])
    expect(await store.get(ORIGIN)).toBe(log.cosigned(7))
  })

  it('fails a log with no pinned key or no served checkpoint', async () => {
    const stranger = { ...log.usage(0), log: 'example.com/log' }
    const result = await verifyUsages({
      ...input([stranger, log.usage(0)]),
      checkpoints: { 'example.com/log': log.cosigned() },
    })
    expect(result.usages).toEqual([
      { status: 'failed', reason: 'UNKNOWN_LOG' },
      { status: 'failed', reason: 'NO_CHECKPOINT' },
    ])
    // A checkpoint served under one origin but naming another.
    const named = await verifyUsages({
      ...input([{ ...log.usage(0), log: 'ee-dev/GOV/1/x usage log' }]),
      checkpoints: { 'ee-dev/GOV/1/x usage log': log.cosigned() },
    })
    expect(named.usages).toEqual([
      { status: 'failed', reason: 'BAD_CHECKPOINT' },
    ])
  })

  it('trusts only pinned keys: the sandbox witness is not enough for another log key', async () => {
    const custom: PinnedKeys = {
      logKey: (origin) =>
        origin === ORIGIN ? verifierOf(log.signer) : undefined,
      witnesses: [verifierOf(witness)],
    }
    const ok = await verifyUsages({ ...input([log.usage(0)]), keys: custom })
    expect(ok.usages[0]?.status).toBe('verified')
    const none: PinnedKeys = { ...custom, witnesses: [] }
    const result = await verifyUsages({
      ...input([log.usage(0)]),
      keys: none,
      store: memoryCheckpointStore(),
    })
    expect(result.usages[0]).toEqual({
      status: 'failed',
      reason: 'MISSING_COSIGNATURE',
    })
  })
})
