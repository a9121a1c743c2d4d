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
  // Vitest sets NODE_ENV=test, from which Vite builds a development flavour
  // (Vue's dev build, and no service worker): build what production serves.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      logLevel: 'warn',
      build: { outDir: distDir, emptyOutDir: true },
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  project.provide('distDir', distDir)
}

export function teardown(): void {
  if (distDir) rmSync(distDir, { recursive: true, force: true })
}
