import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { ensureChromium } from './chromium.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PWA built once for all browser tests. */
    distDir: string
  }
}

let distDir: string | undefined

/** Makes sure Chromium is there and builds the PWA once for the run. */
export async function setup(project: TestProject): Promise<void> {
  ensureChromium()
  distDir = mkdtempSync(join(tmpdir(), 'portal-dist-'))
  await build({
    logLevel: 'warn',
    build: { outDir: distDir, emptyOutDir: true },
  })
  project.provide('distDir', distDir)
}

export function teardown(): void {
  if (distDir) rmSync(distDir, { recursive: true, force: true })
}
