import { describe, expect, it } from 'vitest'
import { maskName } from './maskName.ts'

describe('maskName', () => {
  it('keeps the first letter of each part and the separators', () => {
    expect(maskName('MARY ÄNN O’CONNEŽ-ŠUSLIK')).toBe(
      'M*** Ä** O’C*****-Š*****',
    )
  })

  it('treats a straight apostrophe like a typographic one', () => {
    expect(maskName("D'ARTAGNAN")).toBe("D'A*******")
  })

  it('masks a one-part name and keeps a one-letter part', () => {
    expect(maskName('ELIISE')).toBe('E*****')
    expect(maskName('A B')).toBe('A B')
  })

  it('counts a letter with a combining mark as one letter', () => {
    expect(maskName('A\u0308NN')).toBe('Ä**')
  })

  it('keeps repeated separators and drops surrounding spaces', () => {
    expect(maskName('  ANNA  MARIA--LIISA ')).toBe('A***  M****--L****')
  })

  it('never shows a letter after the first of a part', () => {
    const masked = maskName('JAAK-KRISTJAN JÕEORG')
    expect(masked).toBe('J***-K******* J*****')
    expect(masked.replace(/[*\s-]/g, '')).toBe('JKJ')
  })

  it('answers an empty name with an empty mask', () => {
    expect(maskName('')).toBe('')
  })
})
