import { afterAll, describe, expect, it } from 'vitest'
import {
  fakeBuild,
  PORTAL_LIKE,
  PORTAL_LIKE_SIZES,
} from './__fixtures__/fakeBuild.ts'
import { firstRoute } from './firstRoute.ts'

describe('firstRoute', () => {
  const build = fakeBuild(PORTAL_LIKE, PORTAL_LIKE_SIZES)
  afterAll(() => build.remove())

  it('counts the entry and what it imports statically, each once', () => {
    const route = firstRoute(build.distDir)
    expect(route.js.map((f) => f.file)).toEqual([
      'assets/index.js',
      'assets/shared.js',
    ])
    expect(route.css.map((f) => f.file)).toEqual([
      'assets/index.css',
      'assets/shared.css',
    ])
  })

  it('adds the shell texts of the language asked for, and no other', () => {
    const files = firstRoute(build.distDir, 'en').js.map((f) => f.file)
    expect(files).toContain('assets/en.js')
    expect(files).not.toContain('assets/et.js')
  })

  it('leaves out pages and modules that load later', () => {
    const files = firstRoute(build.distDir, 'en').js.map((f) => f.file)
    expect(files).not.toContain('assets/SignInPage.js')
    expect(files).not.toContain('assets/service-documents.js')
  })

  it('adds up the gzipped sizes of the files it counts', () => {
    const route = firstRoute(build.distDir, 'et')
    const sum = (files: { gzipBytes: number }[]) =>
      files.reduce((total, f) => total + f.gzipBytes, 0)
    expect(route.jsGzipBytes).toBe(sum(route.js))
    expect(route.cssGzipBytes).toBe(sum(route.css))
    // Random bytes do not compress: gzip only adds its header.
    expect(route.jsGzipBytes).toBeGreaterThan(4000 + 1000 + 600)
  })

  it('says how to get a manifest when the build has none', () => {
    expect(() => firstRoute('/nonexistent-build')).toThrow(
      /build\.manifest: true/,
    )
  })
})
