import { describe, expect, it } from 'vitest'
import { CanonicalJsonError, canonicalJson } from './canonicalJson.ts'

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units, at every depth', () => {
    // RFC 8785, 3.2.3: the sorting example's keys, in canonical order.
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    }
    // Read the keys off the text: JSON.parse would put "1" first again.
    const keys = [...canonicalJson(value).matchAll(/"([^"]*)":"/g)].map(
      (m) => JSON.parse(`"${m[1]}"`) as string,
    )
    expect(keys.map((k) => k.codePointAt(0)!.toString(16))).toEqual([
      'd',
      '31',
      '80',
      'f6',
      '20ac',
      '1f600',
      'fb33',
    ])
    expect(
      canonicalJson({ b: { d: 1, c: [3, { f: 1, e: 2 }] }, a: null }),
    ).toBe('{"a":null,"b":{"c":[3,{"e":2,"f":1}],"d":1}}')
  })

  it('writes numbers and strings as RFC 8785 does', () => {
    // From RFC 8785, 3.2.2.3 and its appendix B.
    expect(
      canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333, 4.5]),
    ).toBe('[1e+21,1e-7,0.000001,0,333333333.3333333,4.5]')
    expect(canonicalJson('\u20ac$\u000f\nA\'B"\\\\"/')).toBe(
      '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"',
    )
  })

  it('leaves out undefined members and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}')
    expect(() => canonicalJson({ a: NaN })).toThrow(CanonicalJsonError)
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(CanonicalJsonError)
    expect(() => canonicalJson(1n)).toThrow(CanonicalJsonError)
  })
})
