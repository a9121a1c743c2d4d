import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** The size of one built file, raw and gzipped. */
export interface FileSize {
  /** The path inside the build folder, e.g. `assets/index-abc123.js`. */
  file: string
  bytes: number
  gzipBytes: number
}

/** Measures a built file; gzip at level 9, as a server would precompress. */
export function fileSize(distDir: string, file: string): FileSize {
  const content = readFileSync(join(distDir, file))
  return {
    file,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
  }
}

/** The total gzipped size of some files. */
export function gzipTotal(files: readonly FileSize[]): number {
  return files.reduce((sum, f) => sum + f.gzipBytes, 0)
}

/** Bytes as kilobytes (1 kB = 1000 bytes, as Vite reports), two decimals. */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`
}
