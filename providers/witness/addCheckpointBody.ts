/**
 * The body of C2SP tlog-witness `POST /add-checkpoint`:
 *
 *     old <size>
 *     <consistency proof hash, base64>   (zero or more lines)
 *
 *     <signed checkpoint note>
 */
import {
  Base64Error,
  fromBase64,
  toBase64,
} from '../../common/checkpoint/base64.ts'
import { HASH_SIZE } from '../../common/merkle/hashes.ts'
import { WitnessError } from './errors.ts'

/** A proof has at most one hash per level of a 2^63 tree. */
export const MAX_PROOF_LINES = 63

export interface AddCheckpointRequest {
  oldSize: number
  consistencyProof: Uint8Array[]
  /** The log's signed checkpoint note. */
  note: string
}

const OLD_LINE = /^old (0|[1-9][0-9]{0,15})$/

export function formatAddCheckpointBody(request: AddCheckpointRequest): string {
  const proof = request.consistencyProof.map((hash) => `${toBase64(hash)}\n`)
  return `old ${request.oldSize}\n${proof.join('')}\n${request.note}`
}

/** Reads a request body; throws WitnessError BAD_REQUEST_BODY. */
export function parseAddCheckpointBody(body: string): AddCheckpointRequest {
  const bad = () => new WitnessError('BAD_REQUEST_BODY')
  const split = body.indexOf('\n\n')
  if (split < 0) throw bad()
  const [oldLine, ...proofLines] = body.slice(0, split).split('\n')
  const match = OLD_LINE.exec(oldLine ?? '')
  const oldSize = Number(match?.[1])
  if (!match || !Number.isSafeInteger(oldSize)) throw bad()
  if (proofLines.length > MAX_PROOF_LINES) throw bad()
  const consistencyProof = proofLines.map((line) => {
    let hash: Uint8Array
    try {
      hash = fromBase64(line)
    } catch (error) {
      if (error instanceof Base64Error) throw bad()
      throw error
    }
    if (hash.length !== HASH_SIZE) throw bad()
    return hash
  })
  return { oldSize, consistencyProof, note: body.slice(split + 2) }
}
