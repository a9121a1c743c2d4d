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
  /** Authentication answers with the certificate; signing does not. */
  kind: 'authentication' | 'signature'
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
  displayTextFormat?: unknown
}

/** displayText limits by displayTextFormat (GSM-7 unless told). */
const TEXT_LIMITS: Record<string, number> = { 'GSM-7': 40, 'UCS-2': 20 }

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
  const format = body.displayTextFormat ?? 'GSM-7'
  const limit = typeof format === 'string' ? TEXT_LIMITS[format] : undefined
  if (!limit) return 'displayTextFormat must be GSM-7 or UCS-2'
  if (
    body.displayText !== undefined &&
    (typeof body.displayText !== 'string' ||
      Array.from(body.displayText).length > limit)
  ) {
    return `displayText must be at most ${limit} characters in ${format}`
  }
  return null
}

function base64UrlBytes(value: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(value ?? '', 'base64url'))
}

/**
 * The sandbox Mobile-ID service: the public Mobile-ID REST API under
 * `/mid-api` (POST /authentication, GET /authentication/session/{id} with
 * long polling; POST /certificate, POST /signature and GET
 * /signature/session/{id} with the resident's signing certificate), with the demo numbers' outcomes and certificates from the
 * sandbox CA. Sessions live in this process; it is a development service.
 */
export function buildMobileIdService(
  options: MobileIdServiceOptions,
): FastifyInstance {
  const app = providerServer(options.log)
  const sessions = new ProviderSessions<Session>(options.confirmDelayMs ?? 2000)

  for (const kind of ['authentication', 'signature'] as const) {
    app.post<{ Body: StartBody }>(`/mid-api/${kind}`, async (req, reply) => {
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
        kind,
      })
      return { sessionID: id }
    })

    app.get<{ Params: { id: string }; Querystring: { timeoutMs?: string } }>(
      `/mid-api/${kind}/session/:id`,
      async (req, reply) => {
        const session = sessions.get(req.params.id)
        if (!session || session.kind !== kind) {
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
  }

  // The signing certificate, asked for before a signature: OK with the
  // certificate, or NOT_FOUND for a number and code that are no client.
  app.post<{ Body: StartBody }>('/mid-api/certificate', async (req, reply) => {
    const body = (req.body ?? {}) as StartBody
    if (!findRelyingParty(options.relyingParties, body)) {
      return reply.status(401).send({ error: 'Failed to authorize user' })
    }
    const { phoneNumber, nationalIdentityNumber: code } = body
    if (typeof phoneNumber !== 'string' || !/^\+\d{8,15}$/.test(phoneNumber)) {
      return reply.status(400).send({ error: 'phoneNumber is invalid' })
    }
    if (typeof code !== 'string' || !/^\d{11}$/.test(code)) {
      return reply
        .status(400)
        .send({ error: 'nationalIdentityNumber must contain of 11 digits' })
    }
    const outcome = await decideOutcome(options.db, phoneNumber, code)
    if (!outcome.holder || outcome.result === 'NOT_MID_CLIENT') {
      return { result: 'NOT_FOUND' }
    }
    const issued = await options.ca.certificateFor(
      outcome.holder,
      'mobile-id-signing',
    )
    return {
      result: 'OK',
      cert: Buffer.from(issued.certificate.rawData).toString('base64'),
    }
  })

  async function completion(session: Session) {
    const { result, holder } = session.outcome
    const done = { state: 'COMPLETE', result }
    if (!holder || (result !== 'OK' && result !== 'SIGNATURE_HASH_MISMATCH')) {
      return done
    }
    const signing = session.kind === 'signature'
    const issued = await options.ca.certificateFor(
      holder,
      signing ? 'mobile-id-signing' : 'mobile-id',
    )
    // SIGNATURE_HASH_MISMATCH: the SIM signs something other than the hash.
    const signed =
      result === 'OK' ? session.hash : randomBytes(session.hash.length)
    const signature = p256.sign(signed, base64UrlBytes(issued.privateKey.d), {
      prehash: false,
    })
    const answer = {
      ...done,
      signature: {
        value: Buffer.from(signature).toString('base64'),
        algorithm: HASH_TYPES[session.hashType]?.algorithm,
      },
    }
    // A signature session answers without the certificate: the relying
    // party asked POST /certificate for it first.
    if (signing) return answer
    return {
      ...answer,
      cert: Buffer.from(issued.certificate.rawData).toString('base64'),
    }
  }

  return app
}
