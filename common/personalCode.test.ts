import { describe, expect, it } from 'vitest'
import {
  isValidPersonalCode,
  makePersonalCode,
  personalCodeBirthDate,
  personalCodeSex,
} from './personalCode.ts'
import { readVector } from '../tests/support/vectors.ts'

interface Vectors {
  valid: string[]
  invalid: { code: string; why: string }[]
}

const vectors = readVector<Vectors>('personal-code/codes.json')

describe('personal codes', () => {
  it.each(vectors.valid)('accepts the valid code %s', (code) => {
    expect(isValidPersonalCode(code)).toBe(true)
  })

  it.each(vectors.invalid)('refuses $code ($why)', ({ code }) => {
    expect(isValidPersonalCode(code)).toBe(false)
  })

  it('reads the birth date and sex', () => {
    expect(personalCodeBirthDate('60001019906')).toBe('2000-01-01')
    expect(personalCodeSex('60001019906')).toBe('female')
    expect(personalCodeBirthDate('37605030299')).toBe('1976-05-03')
    expect(personalCodeSex('37605030299')).toBe('male')
  })

  it('builds codes that validate and round-trip', () => {
    const code = makePersonalCode('1980-01-08', 'male', 571)
    expect(code).toBe('38001085718')
    expect(
      isValidPersonalCode(makePersonalCode('2012-02-29', 'female', 7)),
    ).toBe(true)
  })
})
