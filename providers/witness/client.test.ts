import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import { cosign } from '../../common/checkpoint/cosignature.ts'
import {
  SIGNATURE_TYPE,
  generateSigner,
  verifierOf,
} from '../../common/checkpoint/keys.ts'
import { parseNote } from '../../common/checkpoint/note.ts'
import { MerkleTestLog } from '../../tests/support/merkleTestLog.ts'
import {
  WitnessRequestError,
  WitnessSizeConflict,
  submitCheckpoint,
} from './client.ts'

const witness = generateSigner('client.test/w', SIGNATURE_TYPE.cosignatureV1)
const log = new MerkleTestLog('client.test/log')
log.append(3)
const text = parseNote(log.note()).text

/** A witness stand-in answering whatever the test sets. */
describe('submitCheckpoint against odd witnesses', () => {
  let app: FastifyInstance
  let url: string
  let answer: { status: number; type: string; body: string }
  let received = ''

  beforeAll(async () => {
    app = Fastify()
    app.post('/add-checkpoint', (request, reply) => {
      received = request.body as string
      return reply.code(answer.status).type(answer.type).send(answer.body)
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (typeof address !== 'object' || !address) throw new Error('no port')
    url = `http://127.0.0.1:${address.port}/`
  })

  afterAll(() => app?.close())

  const submit = () =>
    submitCheckpoint(
      url,
      { oldSize: 1, consistencyProof: log.consistency(1), note: log.note() },
      { witnessKey: verifierOf(witness) },
    )

  it('sends the tlog-witness body and answers verified cosignature lines', async () => {
    const line = cosign(text, witness, 1_700_000_000)
    answer = { status: 200, type: 'text/plain', body: `${line}\n` }
    expect(await submit()).toEqual([line])
    const proof = log.consistency(1).map((h) => `${toBase64(h)}\n`)
    expect(received).toBe(`old 1\n${proof.join('')}\n${log.note()}`)
  })

  it('reports the witness size on a well-formed 409 only', async () => {
    answer = { status: 409, type: 'text/x.tlog.size', body: '12\n' }
    await expect(submit()).rejects.toEqual(new WitnessSizeConflict(12))
    for (const [type, body] of [
      ['text/plain', '12\n'],
      ['text/x.tlog.size', '012\n'],
      ['text/x.tlog.size', '12'],
    ] as const) {
      answer = { status: 409, type, body }
      await expect(submit()).rejects.toMatchObject({
        name: 'WitnessRequestError',
        status: 409,
      })
    }
  })

  it('refuses an answer with no cosignature, or one by another key', async () => {
    answer = { status: 200, type: 'text/plain', body: '' }
    await expect(submit()).rejects.toBeInstanceOf(WitnessRequestError)
    const other = generateSigner('client.test/w', SIGNATURE_TYPE.cosignatureV1)
    answer = {
      status: 200,
      type: 'text/plain',
      body: `${cosign(text, other, 1)}\n`,
    }
    await expect(submit()).rejects.toThrow(/bad cosignature/)
  })

  it('passes on the code of a JSON refusal, and a missing witness', async () => {
    answer = {
      status: 422,
      type: 'application/json',
      body: JSON.stringify({ error: { code: 'INCONSISTENT_CHECKPOINT' } }),
    }
    await expect(submit()).rejects.toMatchObject({
      status: 422,
      code: 'INCONSISTENT_CHECKPOINT',
    })
    await expect(
      submitCheckpoint('http://127.0.0.1:9', {
        oldSize: 0,
        consistencyProof: [],
        note: log.note(),
      }),
    ).rejects.toMatchObject({ status: 0 })
  })
})
