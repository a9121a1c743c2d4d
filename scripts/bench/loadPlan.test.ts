import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './loadPlan.ts'

describe('load figures', () => {
  it('takes the value at or below which a fraction of samples lie', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(percentile(sorted, 0.5)).toBe(5)
    expect(percentile(sorted, 0.99)).toBe(10)
    expect(percentile(sorted, 0)).toBe(1)
    expect(percentile(new Float64Array(), 0.5)).toBeNaN()
  })

  it('pools turns: rate over their summed windows, failures by cause', () => {
    const result = summarize([
      { latenciesMs: [30, 10], failures: { 'HTTP 500': 1 }, windowMs: 1000 },
      { latenciesMs: [20, 40], failures: { 'HTTP 500': 2 }, windowMs: 1000 },
    ])
    expect(result).toEqual({
      succeeded: 4,
      failures: { 'HTTP 500': 3 },
      perSecond: 2,
      p50Ms: 20,
      p99Ms: 40,
    })
  })
})
