import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import { verifyCosignatureLine } from '../../common/checkpoint/cosignature.ts'
import {
  SIGNATURE_TYPE,
  generateSigner,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import {
  addSignatureLines,
  parseNote,
  signNote,
} from '../../common/checkpoint/note.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { MerkleTestLog } from '../../tests/support/merkleTestLog.ts'
import { formatAddCheckpointBody } from './addCheckpointBody.ts'
import { buildWitnessApp } from './app.ts'
import {
  WitnessRequestError,
  WitnessSizeConflict,
  submitCheckpoint,
} from './client.ts'
import { migrateWitness } from './db/migrate.ts'
import { Witness, logKeysOf, type WitnessReport } from './witness.ts'

const signer = generateSigner('witness.test/w1', SIGNATURE_TYPE.cosignatureV1)
const witnessKey = verifierOf(signer)

describe.each(testDatabases())('witness on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  let url: string
  const logLines: string[] = []
  const honest = new MerkleTestLog('witness.test/honest')
  const forked = new MerkleTestLog('witness.test/forked')
  const racing = new MerkleTestLog('witness.test/racing')
  const unknown = new MerkleTestLog('witness.test/unknown')

  beforeAll(async () => {
    database = await engine.open()
    const db = database.db as Kysely<unknown>
    await migrateWitness(db)
    const log = pino(
      { level: 'info' },
      { write: (line: string) => void logLines.push(line) },
    )
    const witness = new Witness({
      db,
      signer,
      logs: logKeysOf(
        new Map([honest, forked, racing].map((l) => [l.origin, l.key])),
      ),
      log,
    })
    app = buildWitnessApp({ witness, log })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (typeof address !== 'object' || !address) throw new Error('no port')
    url = `http://127.0.0.1:${address.port}`
  })

  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const post = (body: string) =>
    fetch(`${url}/add-checkpoint`, { method: 'POST', body })

  const reports = async (origin: string): Promise<WitnessReport[]> => {
    const response = await fetch(
      `${url}/reports?origin=${encodeURIComponent(origin)}`,
    )
    expect(response.status).toBe(200)
    return ((await response.json()) as { reports: WitnessReport[] }).reports
  }

  /** Grows `log` by `count` and submits from `oldSize`. */
  const grow = async (log: MerkleTestLog, count: number, oldSize: number) => {
    log.append(count)
    return submitCheckpoint(
      url,
      {
        oldSize,
        consistencyProof: log.consistency(oldSize),
        note: log.note(),
      },
      { witnessKey },
    )
  }

  it('cosigns a growing log at each step, and the cosignatures verify', async () => {
    let oldSize = 0
    for (const count of [1, 2, 5, 1, 8, 20]) {
      const lines = await grow(honest, count, oldSize)
      expect(lines).toHaveLength(1)
      const { text } = parseNote(honest.note())
      const cosignature = verifyCosignatureLine(text, lines[0]!, witnessKey)
      expect(cosignature.witness).toBe(signer.name)
      expect(Math.abs(cosignature.timestamp - Date.now() / 1000)).toBeLessThan(
        60,
      )
      oldSize = honest.size
    }
    // The same checkpoint again is cosigned again (a retry after a lost answer).
    const again = await submitCheckpoint(url, {
      oldSize,
      consistencyProof: [],
      note: honest.note(),
    })
    expect(again).toHaveLength(1)
    // Other signatures on the note (another witness's) are ignored.
    const other = generateSigner('other.test/w', SIGNATURE_TYPE.cosignatureV1)
    const withOther = addSignatureLines(honest.note(), [
      `— ${other.name} ${toBase64(new Uint8Array(76))}`,
    ])
    const response = await post(
      formatAddCheckpointBody({
        oldSize,
        consistencyProof: [],
        note: withOther,
      }),
    )
    expect(response.status).toBe(200)
    // The same checkpoint with a needless proof is refused, not reported.
    const needless = await post(
      formatAddCheckpointBody({
        oldSize,
        consistencyProof: honest.consistency(1),
        note: honest.note(),
      }),
    )
    expect(needless.status).toBe(422)
    expect(await needless.json()).toMatchObject({
      error: { code: 'BAD_CONSISTENCY_PROOF' },
    })
    expect(await reports(honest.origin)).toEqual([])
  })

  it('answers 409 with its size when the old size is stale, and the client says so', async () => {
    const size = honest.size
    honest.append(3)
    const response = await post(
      formatAddCheckpointBody({
        oldSize: 1,
        consistencyProof: honest.consistency(1),
        note: honest.note(),
      }),
    )
    expect(response.status).toBe(409)
    expect(response.headers.get('content-type')).toBe('text/x.tlog.size')
    expect(await response.text()).toBe(`${size}\n`)

    const stale = submitCheckpoint(url, {
      oldSize: 1,
      consistencyProof: honest.consistency(1),
      note: honest.note(),
    })
    await expect(stale).rejects.toBeInstanceOf(WitnessSizeConflict)
    await expect(stale).rejects.toMatchObject({ witnessSize: size })
    // Retrying from the witness's size succeeds.
    const lines = await submitCheckpoint(
      url,
      {
        oldSize: size,
        consistencyProof: honest.consistency(size),
        note: honest.note(),
      },
      { witnessKey },
    )
    expect(lines).toHaveLength(1)
  })

  it('refuses a fork (same size, another root) and reports it', async () => {
    await grow(forked, 6, 0)
    const goodNote = forked.note()
    forked.rewrite(2)
    const forkNote = forked.note()
    const response = await post(
      formatAddCheckpointBody({
        oldSize: 6,
        consistencyProof: [],
        note: forkNote,
      }),
    )
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({
      error: { code: 'INCONSISTENT_CHECKPOINT' },
    })
    const [report] = await reports(forked.origin)
    expect(report).toMatchObject({
      origin: forked.origin,
      kind: 'fork',
      knownNote: goodNote,
      knownSize: 6,
      submittedNote: forkNote,
      oldSize: 6,
      proof: [],
    })
    const line = logLines.find((l) => l.includes('inconsistent with what'))
    expect(JSON.parse(line!)).toMatchObject({
      origin: forked.origin,
      kind: 'fork',
      reportId: report!.id,
    })
    // The log line names the log, not the notes themselves.
    expect(line).not.toContain(parseNote(forkNote).signatures[0]!.line)
  })

  it('refuses a rewritten history whose proof is inconsistent, and reports it', async () => {
    // forked now holds a rewritten leaf 2; it grows and proves from 6
    // with a proof that is right for its new tree, wrong for the old one.
    forked.append(4)
    const proof = forked.consistency(6)
    const rewritten = await post(
      formatAddCheckpointBody({
        oldSize: 6,
        consistencyProof: proof,
        note: forked.note(),
      }),
    )
    expect(rewritten.status).toBe(422)
    // A proof of another shape (truncated) is just as inconsistent.
    const truncated = await post(
      formatAddCheckpointBody({
        oldSize: 6,
        consistencyProof: proof.slice(1),
        note: forked.note(),
      }),
    )
    expect(truncated.status).toBe(422)
    const stored = await reports(forked.origin)
    expect(stored.map((r) => r.kind)).toEqual([
      'inconsistent',
      'inconsistent',
      'fork',
    ])
    expect(stored[1]).toMatchObject({
      knownSize: 6,
      oldSize: 6,
      proof: proof.map(toBase64),
      submittedNote: forked.note(),
    })
    // Its view did not move: the honest size 6 is still what it holds.
    const stale = await post(
      formatAddCheckpointBody({
        oldSize: 10,
        consistencyProof: [],
        note: forked.note(),
      }),
    )
    expect(stale.status).toBe(409)
    expect(await stale.text()).toBe('6\n')
  })

  it('refuses a rollback to a smaller size', async () => {
    const smaller = honest.note(3)
    const response = await post(
      formatAddCheckpointBody({
        oldSize: honest.size,
        consistencyProof: [],
        note: smaller,
      }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'OLD_SIZE_TOO_LARGE' },
    })
  })

  it('refuses bad signatures and unknown logs', async () => {
    const size = honest.size
    const body = (note: string) =>
      formatAddCheckpointBody({ oldSize: size, consistencyProof: [], note })
    const impostor = generateSigner(honest.signer.name)
    const cases: [string, number, string][] = [
      // Signed by another key under the log's name.
      [honest.note(size, impostor), 403, 'BAD_LOG_SIGNATURE'],
      // The log's signature over another text.
      [
        honest.note().replace(`\n${size}\n`, `\n${size + 1}\n`),
        403,
        'BAD_LOG_SIGNATURE',
      ],
      [unknown.note(), 404, 'UNKNOWN_LOG'],
      ['not a note\n', 400, 'BAD_CHECKPOINT'],
    ]
    unknown.append(1)
    cases[2]![0] = unknown.note()
    for (const [note, status, code] of cases) {
      const response = await post(body(note))
      expect(response.status, code).toBe(status)
      expect(await response.json()).toMatchObject({ error: { code } })
    }
    await expect(
      submitCheckpoint(url, {
        oldSize: size,
        consistencyProof: [],
        note: cases[0]![0],
      }),
    ).rejects.toMatchObject({ status: 403, code: 'BAD_LOG_SIGNATURE' })
  })

  it('refuses a first checkpoint with a proof, or an empty tree with a root, unreported', async () => {
    const fresh = new MerkleTestLog(racing.origin, racing.signer)
    fresh.append(5)
    const withProof = await post(
      formatAddCheckpointBody({
        oldSize: 0,
        consistencyProof: fresh.consistency(2),
        note: fresh.note(),
      }),
    )
    expect(withProof.status).toBe(422)
    expect(await withProof.json()).toMatchObject({
      error: { code: 'BAD_CONSISTENCY_PROOF' },
    })
    const text = `${racing.origin}\n0\n${toBase64(new Uint8Array(32))}\n`
    const emptyWithRoot = await post(
      formatAddCheckpointBody({
        oldSize: 0,
        consistencyProof: [],
        note: signNote(text, racing.signer),
      }),
    )
    expect(emptyWithRoot.status).toBe(400)
    expect(await reports(racing.origin)).toEqual([])
  })

  it('refuses malformed bodies with a JSON error', async () => {
    const note = honest.note()
    for (const body of [
      '',
      note,
      `old 01\n\n${note}`,
      `old -1\n\n${note}`,
      `old 3\nnot base64!\n\n${note}`,
      `old 3\n${toBase64(new Uint8Array(31))}\n\n${note}`,
      `old 3\n\n`,
    ]) {
      const response = await post(body)
      expect(response.status, body).toBe(400)
      expect(await response.json()).toHaveProperty('error.code')
    }
    const reportQuery = await fetch(`${url}/reports?origin=`)
    expect(reportQuery.status).toBe(400)
  })

  it('serializes concurrent submissions: two checkpoints of one size are never both cosigned', async () => {
    await grow(racing, 4, 0)
    const a = new MerkleTestLog(racing.origin, racing.signer)
    a.leaves.push(...racing.leaves)
    a.append(3)
    racing.append(2)
    racing.rewrite(5) // another leaf at the same place: another root at size 7
    racing.append(1)
    expect(racing.size).toBe(a.size)
    expect(racing.root()).not.toEqual(a.root())
    const results = await Promise.allSettled(
      [a, racing, a, racing].map((log) =>
        submitCheckpoint(url, {
          oldSize: 4,
          consistencyProof: log.consistency(4),
          note: log.note(),
        }),
      ),
    )
    const cosigned = results.filter((r) => r.status === 'fulfilled')
    expect(cosigned.length).toBeGreaterThanOrEqual(1)
    const winners = new Set(
      results.flatMap((r, i) => (r.status === 'fulfilled' ? [i % 2] : [])),
    )
    expect(winners.size).toBe(1)
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(WitnessSizeConflict)
      }
    }
    // The loser, retrying from size 7, is refused as a fork.
    const loser = winners.has(0) ? racing : a
    await expect(
      submitCheckpoint(url, {
        oldSize: 7,
        consistencyProof: [],
        note: loser.note(),
      }),
    ).rejects.toBeInstanceOf(WitnessRequestError)
    expect((await reports(racing.origin))[0]).toMatchObject({ kind: 'fork' })
  })

  it('keeps its history append-only', async () => {
    await expect(
      database.db.deleteFrom('witness_checkpoint' as never).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(
      database.db.deleteFrom('witness_report' as never).execute(),
    ).rejects.toThrow(/append-only/)
  })
})
