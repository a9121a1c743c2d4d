import { describe, expect, it } from 'vitest'
import { parseSignInMethod } from './signInMethods'

describe('parseSignInMethod', () => {
  it('reads each method the sign-in page offers', () => {
    expect(parseSignInMethod('mobile-id')).toBe('mobile-id')
    expect(parseSignInMethod('smart-id')).toBe('smart-id')
    expect(parseSignInMethod('id-card')).toBe('id-card')
  })

  it('falls back to Mobile-ID for a missing, repeated or unknown method', () => {
    expect(parseSignInMethod(undefined)).toBe('mobile-id')
    expect(parseSignInMethod(['smart-id', 'id-card'])).toBe('mobile-id')
    expect(parseSignInMethod('password')).toBe('mobile-id')
  })
})
