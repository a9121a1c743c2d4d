import { describe, expect, it } from 'vitest'
import { canonicalJson, canonicalJsonBytes } from './canonicalJson.ts'

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units, at every depth, with no whitespace', () => {
    // RFC 8785, 3.2.3's sorting example: code units, not code points.
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    }
    // Read the order from the text: Object.keys lists '1' first anyway.
    const text = canonicalJson(value)
    const order = [
      '\r',
      '1',
      '\u0080',
      '\u00f6',
      '\u20ac',
      '\ud83d\ude00',
      '\ufb33',
    ]
    const positions = order.map((key) => text.indexOf(JSON.stringify(key)))
    expect(positions.every((at) => at > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":2,"d":1}]}',
    )
  })

  it('writes numbers as ECMAScript does (RFC 8785 appendix B)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [0.000001, '0.000001'],
      [333333333.3333332, '333333333.3333332'],
      [9007199254740991, '9007199254740991'],
      [5e-324, '5e-324'],
      [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    ]
    for (const [number, text] of cases) expect(canonicalJson(number)).toBe(text)
  })

  it('escapes strings minimally', () => {
    expect(canonicalJson('\u000f\n"\\/é€😀')).toBe('"\\u000f\\n\\"\\\\/é€😀"')
    expect(new TextDecoder().decode(canonicalJsonBytes({ a: 'ö' }))).toBe(
      '{"a":"ö"}',
    )
    expect(canonicalJsonBytes('ö')).toEqual(
      new Uint8Array([34, 0xc3, 0xb6, 34]),
    )
  })

  it('leaves out undefined properties', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
  })

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/finite/)
    expect(() => canonicalJson({ a: Infinity })).toThrow(/\$\.a/)
    expect(() => canonicalJson(new Date(0))).toThrow(/plain object/)
    expect(() => canonicalJson('\ud800x')).toThrow(/surrogate/)
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(/surrogate/)
    expect(() => canonicalJson([1n])).toThrow(/bigint/)
    expect(() => canonicalJson(() => 1)).toThrow(/function/)
  })
})
