import { kB, type FileSize } from './fileSize.ts'

/** Files as aligned lines: gzipped size, raw size, path. */
export function sizeTable(files: readonly FileSize[]): string {
  const width = Math.max(0, ...files.map((f) => kB(f.gzipBytes).length))
  return files
    .map(
      (f) =>
        `  ${kB(f.gzipBytes).padStart(width)} gzip  ` +
        `${kB(f.bytes).padStart(10)} raw  ${f.file}`,
    )
    .join('\n')
}
