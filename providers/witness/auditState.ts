import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AuditState } from './audit.ts'

/**
 * The auditor's memory in one JSON file, `{"<origin>": "<note>"}`,
 * replaced whole on each save so a crash never leaves half a file.
 */
export function fileAuditState(path: string): AuditState {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw new Error(`The audit state ${path} cannot be read`, {
        cause: error,
      })
    }
  }
  return {
    load(origin) {
      const note = read()[origin]
      return Promise.resolve(typeof note === 'string' ? note : undefined)
    },
    save(origin, note) {
      const all = { ...read(), [origin]: note }
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(`${path}.tmp`, `${JSON.stringify(all, null, 2)}\n`)
      renameSync(`${path}.tmp`, path)
      return Promise.resolve()
    },
  }
}
