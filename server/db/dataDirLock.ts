import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Held while a process owns a DATA_DIR; release it on shutdown. */
export interface DataDirLock {
  path: string
  release(): void
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `DATA_DIR/portal.lock`, so a second process cannot open the same
 * embedded database (PGlite would corrupt it). A lock left by a process that
 * no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'portal.lock')

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' })
      return { path, release: () => rmSync(path, { force: true }) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = Number(readFileSync(path, 'utf8').trim())
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by process ${owner}. ` +
          'Stop it first, or set DATA_DIR to another folder.',
      )
    }
    rmSync(path, { force: true })
  }
  throw new Error(`Could not take the lock file ${path}.`)
}
