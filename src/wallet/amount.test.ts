import { describe, expect, it } from 'vitest'
import { centsToInput, parseAmount } from './amount'

describe('parseAmount', () => {
  it('reads a point or a comma before the cents', () => {
    expect(parseAmount('12.50')).toEqual({ cents: 1250 })
    expect(parseAmount('12,5')).toEqual({ cents: 1250 })
    expect(parseAmount('0.01')).toEqual({ cents: 1 })
    expect(parseAmount('7')).toEqual({ cents: 700 })
    expect(parseAmount('7.')).toEqual({ cents: 700 })
  })

  it('allows spaces between thousands, the no-break ones too', () => {
    expect(parseAmount(' 1 234,50 ')).toEqual({ cents: 123450 })
    expect(parseAmount('1\u00a0234')).toEqual({ cents: 123400 })
    expect(parseAmount('1\u202f000.05')).toEqual({ cents: 100005 })
  })

  it('says why an amount is not one', () => {
    expect(parseAmount('  ')).toEqual({ problem: 'missing' })
    expect(parseAmount('-5')).toEqual({ problem: 'format' })
    expect(parseAmount('+5')).toEqual({ problem: 'format' })
    expect(parseAmount('1e3')).toEqual({ problem: 'format' })
    expect(parseAmount('12.5.0')).toEqual({ problem: 'format' })
    expect(parseAmount('1,234.50')).toEqual({ problem: 'format' })
    expect(parseAmount('.50')).toEqual({ problem: 'format' })
    expect(parseAmount('12.505')).toEqual({ problem: 'decimals' })
    expect(parseAmount('0,00')).toEqual({ problem: 'zero' })
    expect(parseAmount('90071992547409.92')).toEqual({ problem: 'large' })
    expect(parseAmount('1'.repeat(30))).toEqual({ problem: 'large' })
  })

  it('keeps the largest safe number of cents exact', () => {
    expect(parseAmount('90071992547409.91')).toEqual({
      cents: Number.MAX_SAFE_INTEGER,
    })
  })
})

describe('centsToInput', () => {
  it('writes cents with two decimals and the given separator', () => {
    expect(centsToInput(1250)).toBe('12.50')
    expect(centsToInput(5, ',')).toBe('0,05')
    expect(centsToInput(-1250)).toBe('-12.50')
  })

  it('gives back what parseAmount reads', () => {
    for (const cents of [1, 99, 100, 1234567, Number.MAX_SAFE_INTEGER]) {
      expect(parseAmount(centsToInput(cents, ',')).cents).toBe(cents)
    }
  })
})
