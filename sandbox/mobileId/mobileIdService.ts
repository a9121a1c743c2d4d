import { randomBytes } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { CertificateAuthority } from '../ca/certificateAuthority.ts'
import {
  findRelyingParty,
  pollTimeout,
  providerServer,
  ProviderSessions,
  type RelyingParty,
} from '../providerSessions.ts'
import { decideOutcome, type MobileIdOutcome } from './outcome.ts'

/** What the sandbox Mobile-ID service needs. */
export interface MobileIdServiceOptions {
  /** The sandbox database: the population register and the CA. */
  db: Kysely<unknown>
  ca: CertificateAuthority
  /** Relying parties that may start sessions (the public demo one). */
  relyingParties: RelyingParty[]
  /** How long the person "takes" to confirm on the phone (default 2 s). */
  confirmDelayMs?: number
  log?: FastifyBaseLogger
}

/** Digest lengths in bytes of each hashType, and the signature algorithm. */
const HASH_TYPES: Record<string, { length: number; algorithm: string }> = {
  SHA256: { length: 32, algorithm: 'SHA256WithECEncryption' },
  SHA384: { length: 48, algorithm: 'SHA384WithECEncryption' },
  SHA512: { length: 64, algorithm: 'SHA512WithECEncryption' },
}
const LANGUAGES = ['EST', 'ENG', 'RUS', 'LIT']

interface Session {
  hash: Buffer
  hashType: string
  outcome: MobileIdOutcome
}

interface StartBody {
  relyingPartyUUID?: unknown
  relyingPartyName?: unknown
  phoneNumber?: unknown
  nationalIdentityNumber?: unknown
  hash?: unknown
  hashType?: unknown
  language?: unknown
  displayText?: unknown
}

/** The first problem with a start request, as the API words it, or null. */
function problemWith(body: StartBody): string | null {
  if (typeof body.phoneNumber !== 'string') return 'phoneNumber is required'
  if (!/^\+\d{8,15}$/.test(body.phoneNumber)) {
    return 'phoneNumber must contain of + and numbers(8-30)'
  }
  if (
    typeof body.nationalIdentityNumber !== 'string' ||
    !/^\d{11}$/.test(body.nationalIdentityNumber)
  ) {
    return 'nationalIdentityNumber must contain of 11 digits'
  }
  const type = typeof body.hashType === 'string' && HASH_TYPES[body.hashType]
  if (!type) return 'hashType must be one of SHA256, SHA384, SHA512'
  if (
    typeof body.hash !== 'string' ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(body.hash) ||
    Buffer.from(body.hash, 'base64').length !== type.length
  ) {
    return `hash must be the base64 of a ${type.length}-byte digest`
  }
  if (typeof body.language !== 'string' || !LANGUAGES.includes(body.language)) {
    return 'language must be one of EST, ENG, RUS, LIT'
  }
  if (
    body.displayText !== undefined &&
    (typeof body.displayText !== 'string' || body.displayText.length > 40)
  ) {
    return 'displayText must be at most 40 characters'
  }
  return null
}

function base64UrlBytes(value: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(value ?? '', 'base64url'))
}

/**
 * The sandbox Mobile-ID service: the public Mobile-ID REST API under
 * `/mid-api` (POST /authentication, GET /authentication/session/{id} with
 * long polling), with the demo numbers' outcomes and certificates from the
 * sandbox CA. Sessions live in this process; it is a development service.
 */
export function buildMobileIdService(
  options: MobileIdServiceOptions,
): FastifyInstance {
  const app = providerServer(options.log)
  const sessions = new ProviderSessions<Session>(options.confirmDelayMs ?? 2000)

  app.post<{ Body: StartBody }>(
    '/mid-api/authentication',
    async (req, reply) => {
      const body = (req.body ?? {}) as StartBody
      if (!findRelyingParty(options.relyingParties, body)) {
        return reply.status(401).send({ error: 'Failed to authorize user' })
      }
      const problem = problemWith(body)
      if (problem) return reply.status(400).send({ error: problem })

      const outcome = await decideOutcome(
        options.db,
        body.phoneNumber as string,
        body.nationalIdentityNumber as string,
      )
      const id = sessions.add({
        hash: Buffer.from(body.hash as string, 'base64'),
        hashType: body.hashType as string,
        outcome,
      })
      return { sessionID: id }
    },
  )

  app.get<{ Params: { id: string }; Querystring: { timeoutMs?: string } }>(
    '/mid-api/authentication/session/:id',
    async (req, reply) => {
      const session = sessions.get(req.params.id)
      if (!session) {
        return reply.status(404).send({ error: 'SessionID not found' })
      }
      const timeoutMs = pollTimeout(req.query.timeoutMs, 30_000)
      if (timeoutMs === undefined) {
        return reply
          .status(400)
          .send({ error: 'timeoutMs must be between 1000 and 120000' })
      }

      const confirmed = await sessions.confirmed(req.params.id, timeoutMs)
      if (!confirmed) return { state: 'RUNNING' }
      return completion(session)
    },
  )

  async function completion(session: Session) {
    const { result, holder } = session.outcome
    const done = { state: 'COMPLETE', result }
    if (!holder || (result !== 'OK' && result !== 'SIGNATURE_HASH_MISMATCH')) {
      return done
    }
    const issued = await options.ca.certificateFor(holder, 'mobile-id')
    // SIGNATURE_HASH_MISMATCH: the SIM signs something other than the hash.
    const signed =
      result === 'OK' ? session.hash : randomBytes(session.hash.length)
    const signature = p256.sign(signed, base64UrlBytes(issued.privateKey.d), {
      prehash: false,
    })
    return {
      ...done,
      signature: {
        value: Buffer.from(signature).toString('base64'),
        algorithm: HASH_TYPES[session.hashType]?.algorithm,
      },
      cert: Buffer.from(issued.certificate.rawData).toString('base64'),
    }
  }

  return app
}
