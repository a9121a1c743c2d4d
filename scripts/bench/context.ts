import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'

/** The repository root, where Vite finds its config and node_modules. */
export const ROOT = new URL('../..', import.meta.url).pathname

/** What every benchmark section may use; built or started once per run. */
export interface BenchContext {
  /** The PWA built for this run, with its `.vite/manifest.json`. */
  distDir: string
  /** A portal with its sandbox serving `distDir`, started on first use. */
  portal(): Promise<{ origin: string }>
  /** Writes a line of the report. */
  print(line?: string): void
}

/** One part of the report, e.g. bundle sizes or Lighthouse scores. */
export interface BenchSection {
  /** Short name to pick the section with `BENCH_ONLY`, e.g. `module-calls`. */
  id?: string
  title: string
  run(context: BenchContext): Promise<void>
}

/** A context and the function that removes what it made. */
export interface BenchRun {
  context: BenchContext
  close(): Promise<void>
}

async function startBenchPortal(distDir: string, dataDir: string) {
  return startPortal({
    ...ALL_ON_FREE_PORTS,
    DATA_DIR: dataDir,
    DIST_DIR: distDir,
    SANDBOX: 'on',
    LOG_LEVEL: 'warn',
  })
}

/**
 * Builds the PWA into a temporary folder (the production build, as
 * `npm start` makes it) and prepares a portal that serves it.
 */
export async function createBenchRun(): Promise<BenchRun> {
  const work = mkdtempSync(join(tmpdir(), 'portal-bench-'))
  const distDir = join(work, 'dist')
  const dataDir = join(work, 'data')
  let portal: Promise<RunningPortal> | undefined

  await build({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: distDir, emptyOutDir: true },
  })

  const context: BenchContext = {
    distDir,
    async portal() {
      portal ??= startBenchPortal(distDir, dataDir)
      return { origin: (await portal).config.publicOrigin }
    },
    print: (line = '') => process.stdout.write(`${line}\n`),
  }
  return {
    context,
    async close() {
      if (portal) await (await portal).close()
      rmSync(work, { recursive: true, force: true })
    },
  }
}
