import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One entry of Vite's `.vite/manifest.json`, keyed by its source path. */
export interface ManifestChunk {
  file: string
  name?: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  /** Keys of the chunks this one imports statically. */
  imports?: string[]
  /** Keys of the chunks this one may import later. */
  dynamicImports?: string[]
  /** Stylesheets loaded with this chunk, as output file paths. */
  css?: string[]
}

/** What the build wrote: source key → output chunk. */
export type BuildManifest = Record<string, ManifestChunk>

/**
 * Reads the manifest Vite writes with `build.manifest: true`. Throws a
 * message that says how to get one when the build made none.
 */
export function readBuildManifest(distDir: string): BuildManifest {
  const path = join(distDir, '.vite', 'manifest.json')
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BuildManifest
  } catch (error) {
    throw new Error(
      `[bundle] No build manifest at ${path}: build with ` +
        `\`build.manifest: true\` (vite.config.ts). ${String(error)}`,
    )
  }
}
