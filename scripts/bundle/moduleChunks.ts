import { readBuildManifest } from './buildManifest.ts'
import { fileSize, type FileSize } from './fileSize.ts'

const MODULE_SOURCE = /^services-catalog\/([a-z0-9-]+)\//

/** A chunk that belongs to one service module: its pages or its texts. */
export interface ModuleChunk extends FileSize {
  moduleId: string
  /** The chunk's name, e.g. `service-documents` or `service-documents-en`. */
  name: string
}

/**
 * Every JavaScript chunk built from a service module's own folder, found by
 * the source it was built from. What a module imports from the shell (Vue,
 * the module kit) is the shell's, not counted here.
 */
export function moduleChunks(distDir: string): ModuleChunk[] {
  const manifest = readBuildManifest(distDir)
  const chunks = new Map<string, ModuleChunk>()

  for (const [key, entry] of Object.entries(manifest)) {
    const moduleId = MODULE_SOURCE.exec(entry.src ?? key)?.[1]
    if (!moduleId || chunks.has(entry.file)) continue
    chunks.set(entry.file, {
      ...fileSize(distDir, entry.file),
      moduleId,
      name: entry.name ?? entry.file,
    })
  }
  return [...chunks.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Every JavaScript and CSS file of the build, largest gzipped first. */
export function allAssets(distDir: string): FileSize[] {
  const manifest = readBuildManifest(distDir)
  const files = new Set<string>()
  for (const entry of Object.values(manifest)) {
    files.add(entry.file)
    for (const css of entry.css ?? []) files.add(css)
  }
  return [...files]
    .map((file) => fileSize(distDir, file))
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
}
