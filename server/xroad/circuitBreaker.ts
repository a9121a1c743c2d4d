/** When a provider's circuit opens and how long it stays open. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number
  /** How long an open circuit fails fast before one trial call (default 30 s). */
  coolDownMs?: number
  /** Milliseconds since some fixed point; tests pass their own. */
  now?: () => number
}

/** What a finished call says about its provider's health. */
export type CallOutcome = 'success' | 'failure' | 'neutral'

/** A call may go ahead, or the circuit is open for `retryAfterMs` more. */
export type Admission =
  { allowed: true; trial: boolean } | { allowed: false; retryAfterMs: number }

interface Circuit {
  failures: number
  openedAt: number | null
  trialInFlight: boolean
}

/**
 * A circuit breaker per provider (member/subsystem), so that one failing
 * agency fails fast instead of making every citizen wait for its timeout.
 * Closed: calls go through and consecutive failures are counted. Open:
 * calls are refused until the cool-down has passed. Half-open: one trial
 * call goes through; success closes the circuit, failure opens it again.
 *
 * Limitation: the state lives in this process's memory. Several portal
 * instances behind a load balancer each keep their own, so each needs its
 * own run of failures before it stops calling a failing agency.
 */
export class CircuitBreaker {
  private readonly threshold: number
  private readonly coolDownMs: number
  private readonly now: () => number
  private readonly circuits = new Map<string, Circuit>()

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5
    this.coolDownMs = options.coolDownMs ?? 30_000
    this.now = options.now ?? (() => performance.now())
  }

  private circuit(provider: string): Circuit {
    let circuit = this.circuits.get(provider)
    if (!circuit) {
      circuit = { failures: 0, openedAt: null, trialInFlight: false }
      this.circuits.set(provider, circuit)
    }
    return circuit
  }

  /** The provider's state as a word, for logs and tests. */
  state(provider: string): 'closed' | 'open' | 'half-open' {
    const circuit = this.circuits.get(provider)
    if (!circuit || circuit.openedAt === null) return 'closed'
    const waited = this.now() - circuit.openedAt
    return waited >= this.coolDownMs ? 'half-open' : 'open'
  }

  /** Asks whether a call to the provider may go out now. */
  admit(provider: string): Admission {
    const circuit = this.circuit(provider)
    if (circuit.openedAt === null) return { allowed: true, trial: false }

    const waited = this.now() - circuit.openedAt
    if (waited < this.coolDownMs) {
      return { allowed: false, retryAfterMs: this.coolDownMs - waited }
    }
    // Half-open: one trial at a time; the others keep failing fast.
    if (circuit.trialInFlight) return { allowed: false, retryAfterMs: 1000 }
    circuit.trialInFlight = true
    return { allowed: true, trial: true }
  }

  /** Records how an admitted call ended. */
  record(provider: string, outcome: CallOutcome, trial: boolean): void {
    const circuit = this.circuit(provider)
    if (trial) circuit.trialInFlight = false

    if (outcome === 'success') {
      circuit.failures = 0
      circuit.openedAt = null
    } else if (outcome === 'failure') {
      circuit.failures += 1
      if (trial || circuit.failures >= this.threshold) {
        circuit.openedAt = this.now()
      }
    }
  }
}
