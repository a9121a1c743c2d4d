import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from './circuitBreaker.ts'

const AGENCY = 'ee-dev/GOV/70008440/population'
const OTHER = 'ee-dev/GOV/70000002/echo'

function breaker() {
  const clock = { now: 0 }
  const subject = new CircuitBreaker({
    failureThreshold: 3,
    coolDownMs: 10_000,
    now: () => clock.now,
  })
  const fail = (provider = AGENCY) => {
    const admission = subject.admit(provider)
    if (!admission.allowed) throw new Error('not admitted')
    subject.record(provider, 'failure', admission.trial)
  }
  return { subject, clock, fail }
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold', () => {
    const { subject, fail } = breaker()
    fail()
    fail()
    expect(subject.state(AGENCY)).toBe('closed')
    expect(subject.admit(AGENCY).allowed).toBe(true)
  })

  it('opens after consecutive failures and refuses calls with a wait', () => {
    const { subject, clock, fail } = breaker()
    fail()
    fail()
    fail()
    clock.now = 4000
    expect(subject.state(AGENCY)).toBe('open')
    expect(subject.admit(AGENCY)).toEqual({
      allowed: false,
      retryAfterMs: 6000,
    })
  })

  it('counts only consecutive failures: a success starts the count again', () => {
    const { subject, fail } = breaker()
    fail()
    fail()
    subject.record(AGENCY, 'success', false)
    fail()
    fail()
    expect(subject.state(AGENCY)).toBe('closed')
  })

  it('ignores neutral outcomes such as a refused access right', () => {
    const { subject, fail } = breaker()
    fail()
    fail()
    subject.record(AGENCY, 'neutral', false)
    expect(subject.state(AGENCY)).toBe('closed')
    fail()
    expect(subject.state(AGENCY)).toBe('open')
  })

  it('keeps each provider on its own circuit', () => {
    const { subject, fail } = breaker()
    fail()
    fail()
    fail()
    expect(subject.admit(OTHER).allowed).toBe(true)
    expect(subject.state(OTHER)).toBe('closed')
  })

  it('lets one trial call through after the cool-down, and only one', () => {
    const { subject, clock, fail } = breaker()
    fail()
    fail()
    fail()
    clock.now = 10_000
    expect(subject.state(AGENCY)).toBe('half-open')
    expect(subject.admit(AGENCY)).toEqual({ allowed: true, trial: true })
    expect(subject.admit(AGENCY).allowed).toBe(false)
  })

  it('closes when the trial call succeeds', () => {
    const { subject, clock, fail } = breaker()
    fail()
    fail()
    fail()
    clock.now = 10_000
    subject.admit(AGENCY)
    subject.record(AGENCY, 'success', true)
    expect(subject.state(AGENCY)).toBe('closed')
    expect(subject.admit(AGENCY)).toEqual({ allowed: true, trial: false })
  })

  it('opens again for a full cool-down when the trial call fails', () => {
    const { subject, clock, fail } = breaker()
    fail()
    fail()
    fail()
    clock.now = 10_000
    fail()
    clock.now = 19_999
    expect(subject.state(AGENCY)).toBe('open')
    expect(subject.admit(AGENCY).allowed).toBe(false)
    clock.now = 20_000
    expect(subject.admit(AGENCY).allowed).toBe(true)
  })
})
