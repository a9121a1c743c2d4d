import { describe, expect, it } from 'vitest'
import {
  formatClientId,
  parseClientId,
  parseServiceId,
  serviceUrlPath,
} from './identifiers.ts'

describe('X-Road identifiers', () => {
  it('parses a subsystem client and formats it back', () => {
    const id = parseClientId('ee-dev/GOV/70000001/citizen-portal')
    expect(id).toEqual({
      instance: 'ee-dev',
      memberClass: 'GOV',
      memberCode: '70000001',
      subsystemCode: 'citizen-portal',
    })
    expect(id && formatClientId(id)).toBe('ee-dev/GOV/70000001/citizen-portal')
  })

  it('refuses parts with forbidden characters or the wrong count', () => {
    expect(parseClientId('ee-dev/GOV')).toBeNull()
    expect(parseClientId('ee-dev/GOV/700;01/x')).toBeNull()
    expect(parseClientId('ee-dev/GOV/70%01')).toBeNull()
    expect(parseClientId('ee-dev/GOV/70 01')).toBeNull()
    expect(parseClientId('ee-dev/GOV/isik-ä')).toBeNull()
    expect(parseClientId('ee-dev//70001')).toBeNull()
    expect(parseServiceId('ee-dev/GOV/1/sub')).toBeNull()
    expect(parseServiceId('ee-dev/GOV/1/sub/svc/v2')).toBeNull()
  })

  it('percent-encodes each part of a service path on its own', () => {
    const id = parseServiceId("ee-dev/GOV/70008440/rr/find+usage=v2?(x),'y'")
    expect(id && serviceUrlPath(id)).toBe(
      "/r1/ee-dev/GOV/70008440/rr/find%2Busage%3Dv2%3F(x)%2C'y'",
    )
  })
})
