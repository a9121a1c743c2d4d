import { describe, expect, it } from 'vitest'
import {
  normalizePhoneNumber,
  personalCodeProblem,
  phoneNumberProblem,
} from './phoneSignInInput'

describe('Mobile-ID input', () => {
  it('accepts Estonian and Lithuanian numbers in international form', () => {
    expect(phoneNumberProblem('+37200000766')).toBeNull()
    expect(phoneNumberProblem('+372 5123 4567')).toBeNull()
    expect(phoneNumberProblem('+37060000666')).toBeNull()
  })

  it('refuses numbers without the country code or from elsewhere', () => {
    expect(phoneNumberProblem('')).toBe('missing')
    expect(phoneNumberProblem('51234567')).toBe('invalid')
    expect(phoneNumberProblem('+35840123456')).toBe('invalid')
    expect(phoneNumberProblem('+372abc')).toBe('invalid')
  })

  it('drops the spaces and dashes people type for reading', () => {
    expect(normalizePhoneNumber(' +372 5123-4567 ')).toBe('+37251234567')
  })

  it('checks the length and the check digit of a personal code', () => {
    expect(personalCodeProblem('60001019906')).toBeNull()
    expect(personalCodeProblem('')).toBe('missing')
    expect(personalCodeProblem('6000101990')).toBe('length')
    expect(personalCodeProblem('60001019907')).toBe('invalid')
  })
})
