import { describe, expect, it } from 'vitest'
import { renewalOf, tallinnToday } from './renewal.ts'

describe('document renewal', () => {
  const today = '2026-12-03'

  it('asks for nothing while more than six months remain', () => {
    expect(
      renewalOf({ validUntil: '2027-06-04', status: 'valid' }, today),
    ).toBe('none')
  })

  it('is due within six months of the last valid day', () => {
    expect(
      renewalOf({ validUntil: '2027-06-03', status: 'valid' }, today),
    ).toBe('due')
    expect(
      renewalOf({ validUntil: '2026-12-03', status: 'valid' }, today),
    ).toBe('due')
  })

  it('is expired after the last valid day or when the register says so', () => {
    expect(
      renewalOf({ validUntil: '2026-12-02', status: 'valid' }, today),
    ).toBe('expired')
    expect(
      renewalOf({ validUntil: '2030-01-01', status: 'expired' }, today),
    ).toBe('expired')
  })

  it('reports a revoked document whatever its date', () => {
    expect(
      renewalOf({ validUntil: '2030-01-01', status: 'revoked' }, today),
    ).toBe('revoked')
  })

  it('counts days in Tallinn, not in UTC', () => {
    // 23:30 UTC on 3 December is already 4 December in Tallinn.
    expect(tallinnToday(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04')
  })
})
