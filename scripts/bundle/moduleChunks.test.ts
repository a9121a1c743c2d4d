import { afterAll, describe, expect, it } from 'vitest'
import {
  fakeBuild,
  PORTAL_LIKE,
  PORTAL_LIKE_SIZES,
} from './__fixtures__/fakeBuild.ts'
import { allAssets, moduleChunks } from './moduleChunks.ts'

describe('moduleChunks', () => {
  const build = fakeBuild(PORTAL_LIKE, PORTAL_LIKE_SIZES)
  afterAll(() => build.remove())

  it('gives each service module the chunks built from its own folder', () => {
    expect(
      moduleChunks(build.distDir).map(({ moduleId, name, file }) => ({
        moduleId,
        name,
        file,
      })),
    ).toEqual([
      {
        moduleId: 'documents',
        name: 'service-documents',
        file: 'assets/service-documents.js',
      },
      {
        moduleId: 'documents',
        name: 'service-documents-en',
        file: 'assets/service-documents-en.js',
      },
    ])
  })

  it('lists every script and stylesheet, largest first', () => {
    const assets = allAssets(build.distDir)
    expect(assets).toHaveLength(Object.keys(PORTAL_LIKE_SIZES).length)
    expect(assets[0]?.file).toBe('assets/index.js')
    const sizes = assets.map((a) => a.gzipBytes)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
  })
})
