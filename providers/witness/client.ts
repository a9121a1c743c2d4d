import { verifyCosignatureLine } from '../../common/checkpoint/cosignature.ts'
import type { NoteVerifier } from '../../common/checkpoint/keys.ts'
import {
  NoteError,
  parseNote,
  parseSignatureLine,
} from '../../common/checkpoint/note.ts'
import {
  formatAddCheckpointBody,
  type AddCheckpointRequest,
} from './addCheckpointBody.ts'
import { SIZE_CONTENT_TYPE } from './app.ts'

/**
 * The witness holds another size of the log than `oldSize`: submit again
 * with a consistency proof from `witnessSize`.
 */
export class WitnessSizeConflict extends Error {
  override name = 'WitnessSizeConflict'

  constructor(readonly witnessSize: number) {
    super(`The witness holds the log at size ${witnessSize}`)
  }
}

/** The witness refused or could not be asked; `status` 0: no answer. */
export class WitnessRequestError extends Error {
  override name = 'WitnessRequestError'

  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message)
  }
}

export interface SubmitOptions {
  /** When given, every answered line must be its valid cosignature. */
  witnessKey?: NoteVerifier
  timeoutMs?: number
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } }
    const code = body.error?.code
    return typeof code === 'string' ? code : undefined
  } catch {
    return undefined
  }
}

/**
 * Asks the witness at `witnessUrl` (C2SP tlog-witness) to cosign a
 * checkpoint; answers its cosignature lines. Throws WitnessSizeConflict
 * on 409, WitnessRequestError on any other refusal or a bad answer.
 */
export async function submitCheckpoint(
  witnessUrl: string,
  request: AddCheckpointRequest,
  options: SubmitOptions = {},
): Promise<string[]> {
  const url = `${witnessUrl.replace(/\/+$/, '')}/add-checkpoint`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointBody(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
  } catch (error) {
    throw new WitnessRequestError(
      `The witness did not answer: ${(error as Error).message}`,
      0,
    )
  }

  if (response.status === 409) {
    const type = response.headers.get('content-type') ?? ''
    const body = await response.text()
    const match = /^(0|[1-9][0-9]{0,15})\n$/.exec(body)
    if (type.split(';')[0]?.trim() === SIZE_CONTENT_TYPE && match) {
      throw new WitnessSizeConflict(Number(match[1]))
    }
    throw new WitnessRequestError('The witness sent a malformed 409', 409)
  }
  if (response.status !== 200) {
    const code = await errorCode(response)
    throw new WitnessRequestError(
      `The witness refused the checkpoint (${response.status}${code ? ` ${code}` : ''})`,
      response.status,
      code,
    )
  }

  const body = await response.text()
  if (!body.endsWith('\n') || body.length === 1) {
    throw new WitnessRequestError('The witness sent no cosignature', 200)
  }
  const lines = body.slice(0, -1).split('\n')
  try {
    const { text } = parseNote(request.note)
    for (const line of lines) {
      parseSignatureLine(line)
      if (options.witnessKey) {
        verifyCosignatureLine(text, line, options.witnessKey)
      }
    }
  } catch (error) {
    if (error instanceof NoteError) {
      throw new WitnessRequestError(
        `The witness sent a bad cosignature: ${error.message}`,
        200,
      )
    }
    throw error
  }
  return lines
}
