import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BuildManifest } from '../buildManifest.ts'

/**
 * A build folder made up for tests: the manifest as given, and each file
 * filled with random bytes (which gzip cannot shrink) of the given size.
 */
export function fakeBuild(
  manifest: BuildManifest,
  sizes: Record<string, number>,
): { distDir: string; remove(): void } {
  const distDir = mkdtempSync(join(tmpdir(), 'bundle-test-'))
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(dirname(join(distDir, file)), { recursive: true })
    writeFileSync(join(distDir, file), content)
  }
  write('.vite/manifest.json', JSON.stringify(manifest))
  for (const [file, bytes] of Object.entries(sizes)) {
    write(file, randomBytes(bytes))
  }
  return {
    distDir,
    remove: () => rmSync(distDir, { recursive: true, force: true }),
  }
}

/** The shape of the portal's build: entry, shared chunk, lazy pages, texts. */
export const PORTAL_LIKE: BuildManifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_shared.js'],
    dynamicImports: [
      'src/pages/SignInPage.vue',
      'src/i18n/locales/en.json',
      'src/i18n/locales/et.json',
      'services-catalog/documents/pages/DocumentsPage.vue',
    ],
    css: ['assets/index.css'],
  },
  '_shared.js': {
    file: 'assets/shared.js',
    imports: ['index.html'],
    css: ['assets/shared.css'],
  },
  'src/pages/SignInPage.vue': {
    file: 'assets/SignInPage.js',
    src: 'src/pages/SignInPage.vue',
    isDynamicEntry: true,
    imports: ['index.html', '_shared.js'],
  },
  'src/i18n/locales/en.json': {
    file: 'assets/en.js',
    src: 'src/i18n/locales/en.json',
    isDynamicEntry: true,
  },
  'src/i18n/locales/et.json': {
    file: 'assets/et.js',
    src: 'src/i18n/locales/et.json',
    isDynamicEntry: true,
  },
  'services-catalog/documents/pages/DocumentsPage.vue': {
    file: 'assets/service-documents.js',
    name: 'service-documents',
    src: 'services-catalog/documents/pages/DocumentsPage.vue',
    isDynamicEntry: true,
    imports: ['index.html', '_shared.js'],
    css: ['assets/service-documents.css'],
  },
  'services-catalog/documents/locales/en.json': {
    file: 'assets/service-documents-en.js',
    name: 'service-documents-en',
    src: 'services-catalog/documents/locales/en.json',
    isDynamicEntry: true,
  },
}

/** One size per file of PORTAL_LIKE. */
export const PORTAL_LIKE_SIZES: Record<string, number> = {
  'assets/index.js': 4000,
  'assets/shared.js': 1000,
  'assets/SignInPage.js': 700,
  'assets/en.js': 500,
  'assets/et.js': 600,
  'assets/service-documents.js': 800,
  'assets/service-documents-en.js': 300,
  'assets/index.css': 900,
  'assets/shared.css': 200,
  'assets/service-documents.css': 100,
}
