import { parseArgs } from 'node:util'
import {
  NoteKeyError,
  parseVerifierKey,
  type NoteVerifier,
} from '../../common/checkpoint/keys.ts'
import { auditLog, type AuditResult } from './audit.ts'
import { fileAuditState } from './auditState.ts'

export const FOLLOW_USAGE =
  'npm run witness -- follow --log <log URL> --key <log verifier key> ' +
  '[--state <file>] [--origin <origin>]'

function describe(result: AuditResult, logUrl: string): string[] {
  if (result.ok) {
    const from =
      result.previousSize === undefined
        ? 'first checkpoint kept (nothing earlier to compare)'
        : `consistent with the kept checkpoint of size ${result.previousSize}`
    return [`OK ${result.origin} at ${logUrl}: size ${result.size}, ${from}`]
  }
  const lines = [`FAILED ${logUrl}: ${result.problem}: ${result.detail}`]
  if (result.previousNote) {
    lines.push('', 'Kept checkpoint:', result.previousNote.trimEnd())
  }
  if (result.note) lines.push('', 'Served checkpoint:', result.note.trimEnd())
  if (result.proof) {
    lines.push('', 'Consistency proof:', ...result.proof)
  }
  return lines
}

/**
 * The auditor: `follow` looks at a log once (run it from cron or a loop),
 * prints a report and answers the exit code: 0 consistent, 1 the log
 * misbehaved, 2 the command was used wrongly.
 */
export async function runFollow(
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  let values: { log?: string; key?: string; state?: string; origin?: string }
  try {
    values = parseArgs({
      args,
      options: {
        log: { type: 'string' },
        key: { type: 'string' },
        state: { type: 'string' },
        origin: { type: 'string' },
      },
    }).values
  } catch (error) {
    write(`${(error as Error).message}\nUsage: ${FOLLOW_USAGE}\n`)
    return 2
  }
  if (!values.log || !values.key) {
    write(`Usage: ${FOLLOW_USAGE}\n`)
    return 2
  }
  let logKey: NoteVerifier
  try {
    logKey = parseVerifierKey(values.key)
  } catch (error) {
    if (!(error instanceof NoteKeyError)) throw error
    write(`--key: ${error.message}\n`)
    return 2
  }
  const result = await auditLog({
    logUrl: values.log,
    logKey,
    origin: values.origin,
    state: fileAuditState(values.state ?? '.data/witness-audit.json'),
  })
  write(`${describe(result, values.log).join('\n')}\n`)
  return result.ok ? 0 : 1
}
