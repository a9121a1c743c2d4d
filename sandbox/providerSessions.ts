import { randomUUID } from 'node:crypto'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
} from 'fastify'

/** A relying party a sandbox identity provider accepts. */
export interface RelyingParty {
  uuid: string
  name: string
}

/** The relying party a start request names by UUID and name, if known. */
export function findRelyingParty(
  parties: readonly RelyingParty[],
  body: { relyingPartyUUID?: unknown; relyingPartyName?: unknown },
): RelyingParty | undefined {
  return parties.find(
    (rp) =>
      rp.uuid === body.relyingPartyUUID && rp.name === body.relyingPartyName,
  )
}

/** A sandbox identity provider's server, logging no requests. */
export function providerServer(log?: FastifyBaseLogger): FastifyInstance {
  return Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
  })
}

const LIFETIME_MS = 10 * 60 * 1000

interface Held<T> {
  value: T
  readyAt: number
  expiresAt: number
}

/**
 * The sessions of a sandbox identity provider, held in this process: each
 * is "confirmed on the phone" after the delay and forgotten after ten
 * minutes.
 */
export class ProviderSessions<T> {
  private readonly held = new Map<string, Held<T>>()

  constructor(private readonly delayMs: number) {}

  /** Holds a new session; its random id. */
  add(value: T): string {
    const now = Date.now()
    for (const [id, s] of this.held) {
      if (s.expiresAt < now) this.held.delete(id)
    }
    const id = randomUUID()
    this.held.set(id, {
      value,
      readyAt: now + this.delayMs,
      expiresAt: now + LIFETIME_MS,
    })
    return id
  }

  /** The session, or undefined when unknown or forgotten. */
  get(id: string): T | undefined {
    return this.held.get(id)?.value
  }

  /**
   * Long polling: waits at most `timeoutMs` for the session to be
   * confirmed; whether it is.
   */
  async confirmed(id: string, timeoutMs: number): Promise<boolean> {
    const session = this.held.get(id)
    if (!session) return false
    const wait = Math.min(timeoutMs, session.readyAt - Date.now())
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    return Date.now() >= session.readyAt
  }
}

/** A long poll's timeoutMs as both APIs bound it, or undefined if wrong. */
export function pollTimeout(
  raw: string | undefined,
  fallback: number,
): number | undefined {
  const asked = Number(raw ?? fallback)
  return Number.isInteger(asked) && asked >= 1000 && asked <= 120_000
    ? asked
    : undefined
}
