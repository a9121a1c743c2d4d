import Fastify, { type FastifyInstance } from 'fastify'
import { toBase64 } from '../../common/checkpoint/base64.ts'
import { formatCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import {
  generateSigner,
  verifierOf,
  type NoteSigner,
  type NoteVerifier,
} from '../../common/checkpoint/keys.ts'
import { signNote } from '../../common/checkpoint/note.ts'
import { logKeyName } from '../../common/checkpoint/sandboxKeys.ts'
import { leafHash } from '../../common/merkle/hashes.ts'
import { ReferenceTree } from '../../common/merkle/referenceTree.ts'

/**
 * A small Merkle log in memory, for witness and verifier tests: it signs
 * checkpoints with its own key, makes proofs with common/merkle's
 * ReferenceTree, and can rewrite its history to play a dishonest log.
 */
export class MerkleTestLog {
  readonly leaves: Uint8Array[] = []

  constructor(
    readonly origin: string,
    readonly signer: NoteSigner = generateSigner(logKeyName(origin)),
  ) {}

  get key(): NoteVerifier {
    return verifierOf(this.signer)
  }

  get size(): number {
    return this.leaves.length
  }

  /** Appends `count` leaves `<origin> entry <i>`; answers the new size. */
  append(count = 1): number {
    for (let i = 0; i < count; i++) {
      this.appendData(
        new TextEncoder().encode(`${this.origin} entry ${this.size}`),
      )
    }
    return this.size
  }

  appendData(data: Uint8Array): number {
    this.leaves.push(leafHash(data))
    return this.size
  }

  /** Replaces leaf `index`: history another log would not show. */
  rewrite(index: number): void {
    this.leaves[index] = leafHash(
      new TextEncoder().encode(`rewritten ${index}`),
    )
  }

  tree(): ReferenceTree {
    return new ReferenceTree([...this.leaves])
  }

  root(size = this.size): Uint8Array {
    return this.tree().root(size)
  }

  /** The signed checkpoint of the first `size` leaves. */
  note(size = this.size, signer = this.signer): string {
    const text = formatCheckpoint({
      origin: this.origin,
      size,
      rootHash: this.root(size),
    })
    return signNote(text, signer)
  }

  consistency(from: number, to = this.size): Uint8Array[] {
    return this.tree().consistencyProof(from, to)
  }

  inclusion(index: number, size = this.size): Uint8Array[] {
    return this.tree().inclusionProof(index, size)
  }

  /**
   * The log over HTTP as the usage-log service serves it: `GET /checkpoint`
   * (the signed note) and `GET /consistency?from=&to=` (`{proof}`).
   */
  async serve(): Promise<{ url: string; app: FastifyInstance }> {
    const app = Fastify()
    app.get('/checkpoint', (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send(this.note()),
    )
    app.get('/consistency', (request, reply) => {
      const { from, to } = request.query as Record<string, string>
      const proof = this.consistency(Number(from), Number(to))
      return reply.send({ proof: proof.map(toBase64) })
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (typeof address !== 'object' || !address) throw new Error('no port')
    return { url: `http://127.0.0.1:${address.port}`, app }
  }
}
