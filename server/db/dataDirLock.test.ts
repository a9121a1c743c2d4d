import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lockDataDir } from './dataDirLock.ts'

describe('the DATA_DIR lock', () => {
  it('stops a second owner until the first releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'))
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(/in use by process/)
    first.release()
    lockDataDir(dir).release()
  })

  it('takes over a lock left by a process that is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'))
    writeFileSync(join(dir, 'portal.lock'), '999999999')
    lockDataDir(dir).release()
  })
})
