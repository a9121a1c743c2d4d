import { describe, expect, it } from 'vitest'
import { matchPathGlob, pathSegments } from './pathGlob.ts'

const matches = (glob: string, path: string) =>
  matchPathGlob(glob, pathSegments(path))

describe('path globs', () => {
  it('match a literal path exactly', () => {
    expect(matches('/persons', '/persons')).toBe(true)
    expect(matches('/persons', '/persons/1')).toBe(false)
    expect(matches('/persons', '/person')).toBe(false)
  })

  it('let * stand for one whole segment and nothing more', () => {
    expect(matches('/persons/*', '/persons/60001019906')).toBe(true)
    expect(matches('/persons/*', '/persons/60001019906/family')).toBe(false)
    expect(matches('/persons/*', '/persons')).toBe(false)
    expect(matches('/persons/*/family', '/persons/1/family')).toBe(true)
    expect(matches('/persons/*/family', '/persons/1/documents')).toBe(false)
  })

  it('let * match part of a segment', () => {
    expect(matches('/doc*', '/documents')).toBe(true)
    expect(matches('/*.json', '/openapi.json')).toBe(true)
    expect(matches('/*.json', '/openapi.yaml')).toBe(false)
    expect(matches('/a*b*c', '/aXbYc')).toBe(true)
    expect(matches('/a*b*c', '/acb')).toBe(false)
    expect(matches('/ab*ba', '/aba')).toBe(false)
  })

  it('let ** stand for any number of segments, none included', () => {
    expect(matches('/**', '/')).toBe(true)
    expect(matches('/**', '')).toBe(true)
    expect(matches('/**', '/a/b/c')).toBe(true)
    expect(matches('/persons/**', '/persons')).toBe(true)
    expect(matches('/persons/**', '/persons/1/family')).toBe(true)
    expect(matches('/persons/**', '/personsX/1')).toBe(false)
    expect(matches('/**/family', '/persons/1/family')).toBe(true)
    expect(matches('/**/family', '/persons/1/documents')).toBe(false)
  })

  it('match decoded segments, so an encoded slash stays inside its segment', () => {
    expect(matchPathGlob('/files/*', ['files', 'a/b'])).toBe(true)
    expect(matchPathGlob('/files/*/*', ['files', 'a/b'])).toBe(false)
  })

  it('treat the root as having no segments', () => {
    expect(matches('/', '/')).toBe(true)
    expect(matches('/', '')).toBe(true)
    expect(matches('/*', '/')).toBe(false)
  })
})
