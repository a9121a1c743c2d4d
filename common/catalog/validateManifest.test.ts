import { describe, expect, it } from 'vitest'
import personalData from '../../services-catalog/personal-data/manifest.ts'
import { validateManifest } from './validateManifest.ts'

function withTimeout(timeoutMs: unknown) {
  const [service] = personalData.services
  return { ...personalData, services: [{ ...service, timeoutMs }] }
}

const timeoutProblems = (timeoutMs: unknown) =>
  validateManifest(withTimeout(timeoutMs), 'personal-data').filter(
    (p) => p.field === 'services[0].timeoutMs',
  )

describe('a declared service timeout', () => {
  it('may be left out', () => {
    expect(validateManifest(personalData, 'personal-data')).toEqual([])
  })

  it('is accepted in whole milliseconds from 100 to 60000', () => {
    expect(timeoutProblems(100)).toEqual([])
    expect(timeoutProblems(60_000)).toEqual([])
  })

  it.each([50, 60_001, 2.5, '5000'])('is refused as %j', (timeoutMs) => {
    expect(timeoutProblems(timeoutMs)).toHaveLength(1)
  })
})
