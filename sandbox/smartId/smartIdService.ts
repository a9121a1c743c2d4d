import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import { SMART_ID_HASH_ALGORITHMS } from '../../server/auth/smartId/acspV2.ts'
import type { CertificateAuthority } from '../ca/certificateAuthority.ts'
import {
  findRelyingParty,
  pollTimeout,
  providerServer,
  ProviderSessions,
  type RelyingParty,
} from '../providerSessions.ts'
import {
  findSmartIdAccount,
  findSmartIdDocument,
  type SmartIdAccount,
} from './outcome.ts'
import { smartIdVerificationCode } from '../../server/auth/smartId/verificationCode.ts'
import { signedAuthentication } from './signedAuthentication.ts'
import { signedDigest } from './signedDigest.ts'

/** What the sandbox Smart-ID service needs. */
export interface SmartIdServiceOptions {
  /** The sandbox database: the population register and the CA. */
  db: Kysely<unknown>
  ca: CertificateAuthority
  /** Relying parties that may start sessions (the public demo one). */
  relyingParties: RelyingParty[]
  /** How long the person "takes" to enter PIN1 (default 2 s). */
  confirmDelayMs?: number
  log?: FastifyBaseLogger
}

/** Where the API is mounted, as on the public demo service. */
export const SMART_ID_PREFIX = '/smart-id-rp/v3'

const INTERACTION_TEXT: Record<string, [string, number]> = {
  displayTextAndPIN: ['displayText60', 60],
  confirmationMessage: ['displayText200', 200],
  confirmationMessageAndVerificationCodeChoice: ['displayText200', 200],
}

interface Session {
  account: SmartIdAccount
  /** A RAW_DIGEST_SIGNATURE session's digest; absent for authentication. */
  digest?: Buffer
  rpChallenge: string
  relyingPartyName: string
  interactions: string
  interactionType: string
  hashAlgorithm: string
  answer?: object
}

interface StartBody {
  relyingPartyUUID?: unknown
  relyingPartyName?: unknown
  certificateLevel?: unknown
  signatureProtocol?: unknown
  signatureProtocolParameters?: {
    rpChallenge?: unknown
    digest?: unknown
    signatureAlgorithm?: unknown
    signatureAlgorithmParameters?: { hashAlgorithm?: unknown }
  }
  interactions?: unknown
  vcType?: unknown
}

/** A request problem: the parameter and what is wrong with it. */
type Problem = [paramName: string, detail: string]

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** The first interaction type the sandbox app can show, or a problem. */
function firstInteraction(value: unknown): string | Problem {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    return ['interactions', 'must be the base64 of a JSON array']
  }
  let list: unknown
  try {
    list = JSON.parse(Buffer.from(value, 'base64').toString('utf8'))
  } catch {
    return ['interactions', 'must be the base64 of a JSON array']
  }
  if (!Array.isArray(list) || list.length === 0) {
    return ['interactions', 'must list at least one interaction']
  }
  for (const item of list as Record<string, unknown>[]) {
    const text = INTERACTION_TEXT[String(item?.type)]
    if (!text) return ['interactions', `unknown interaction ${item?.type}`]
    const [field, max] = text
    const shown = item[field]
    if (typeof shown !== 'string' || shown.length < 1 || shown.length > max) {
      return ['interactions', `${item.type} needs ${field} of 1–${max} chars`]
    }
  }
  return String((list[0] as { type: string }).type)
}

/** The first problem with a notification authentication request. */
function problemWith(body: StartBody): Problem | null {
  if (
    body.certificateLevel !== undefined &&
    body.certificateLevel !== 'QUALIFIED' &&
    body.certificateLevel !== 'ADVANCED'
  ) {
    return ['certificateLevel', 'must be ADVANCED or QUALIFIED']
  }
  if (body.signatureProtocol !== 'ACSP_V2') {
    return ['signatureProtocol', 'must be ACSP_V2']
  }
  const params = body.signatureProtocolParameters
  const challenge = params?.rpChallenge
  if (
    typeof challenge !== 'string' ||
    !BASE64.test(challenge) ||
    challenge.length < 44 ||
    challenge.length > 88 ||
    Buffer.from(challenge, 'base64').length < 32
  ) {
    return [
      'signatureProtocolParameters.rpChallenge',
      'must be the base64 of 32 to 64 random bytes',
    ]
  }
  if (params?.signatureAlgorithm !== 'rsassa-pss') {
    return [
      'signatureProtocolParameters.signatureAlgorithm',
      'must be rsassa-pss',
    ]
  }
  const hash = params.signatureAlgorithmParameters?.hashAlgorithm
  if (typeof hash !== 'string' || !SMART_ID_HASH_ALGORITHMS[hash]) {
    return [
      'signatureProtocolParameters.signatureAlgorithmParameters.hashAlgorithm',
      `must be one of ${Object.keys(SMART_ID_HASH_ALGORITHMS).join(', ')}`,
    ]
  }
  const interaction = firstInteraction(body.interactions)
  if (Array.isArray(interaction)) return interaction
  if (body.vcType !== 'numeric4') return ['vcType', 'must be numeric4']
  return null
}

/** The first problem with a notification signature request. */
function signatureProblemWith(body: StartBody): Problem | null {
  if (
    body.certificateLevel !== undefined &&
    !['QUALIFIED', 'ADVANCED', 'QSCD'].includes(String(body.certificateLevel))
  ) {
    return ['certificateLevel', 'must be ADVANCED, QUALIFIED or QSCD']
  }
  if (body.signatureProtocol !== 'RAW_DIGEST_SIGNATURE') {
    return ['signatureProtocol', 'must be RAW_DIGEST_SIGNATURE']
  }
  const params = body.signatureProtocolParameters
  if (params?.signatureAlgorithm !== 'rsassa-pss') {
    return [
      'signatureProtocolParameters.signatureAlgorithm',
      'must be rsassa-pss',
    ]
  }
  const hashName = params.signatureAlgorithmParameters?.hashAlgorithm
  const hash =
    typeof hashName === 'string' ? SMART_ID_HASH_ALGORITHMS[hashName] : null
  if (!hash) {
    return [
      'signatureProtocolParameters.signatureAlgorithmParameters.hashAlgorithm',
      `must be one of ${Object.keys(SMART_ID_HASH_ALGORITHMS).join(', ')}`,
    ]
  }
  const digest = params.digest
  if (
    typeof digest !== 'string' ||
    !BASE64.test(digest) ||
    Buffer.from(digest, 'base64').length !== hash.length
  ) {
    return [
      'signatureProtocolParameters.digest',
      `must be the base64 of a ${hash.length}-byte ${String(hashName)} digest`,
    ]
  }
  const interaction = firstInteraction(body.interactions)
  if (Array.isArray(interaction)) return interaction
  return null
}

/** A 400 answer as RFC 9457 problem details, as the RP API words them. */
function badRequest(reply: FastifyReply, [paramName, detail]: Problem) {
  return reply
    .status(400)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      status: 400,
      title: 'Bad Request',
      detail: 'Invalid request parameters found',
      errors: [
        {
          detail: `Invalid ${paramName}: ${detail}`,
          paramName,
          pointer: `/${paramName.replaceAll('.', '/')}`,
        },
      ],
    })
}

/**
 * The sandbox Smart-ID service: the Smart-ID RP API v3 notification-based
 * authentication under `/smart-id-rp/v3` (POST
 * /authentication/notification/etsi/{id} and .../document/{number}, GET
 * /session/{id} with long polling) and the notification signature with
 * RAW_DIGEST_SIGNATURE (POST /signature/notification/etsi/{id} and
 * .../document/{number}, signed with the resident's signing key),
 * answering 400 with problem details, 401 to an unknown relying party
 * and 404 to an unknown account or session. The public demo accounts end as listed in the test vectors;
 * every other sandbox resident confirms and the "app" signs the ACSP_V2
 * payload with RSASSA-PSS and the resident's sandbox-CA Smart-ID
 * certificate. Sessions live in this process; it is a development service.
 */
export function buildSmartIdService(
  options: SmartIdServiceOptions,
): FastifyInstance {
  const app = providerServer(options.log)
  const sessions = new ProviderSessions<Session>(options.confirmDelayMs ?? 2000)

  const start = async (
    body: StartBody,
    reply: FastifyReply,
    find: () => Promise<SmartIdAccount | undefined>,
    signature = false,
  ) => {
    const party = findRelyingParty(options.relyingParties, body)
    if (!party) return reply.status(401).send()
    const problem = signature ? signatureProblemWith(body) : problemWith(body)
    if (problem) return badRequest(reply, problem)
    const account = await find()
    if (!account) return reply.status(404).send()

    const params = body.signatureProtocolParameters
    const digest = signature
      ? Buffer.from(String(params?.digest), 'base64')
      : undefined
    const id = sessions.add({
      account,
      digest,
      rpChallenge: String(params?.rpChallenge ?? ''),
      relyingPartyName: party.name,
      interactions: String(body.interactions),
      interactionType: String(firstInteraction(body.interactions)),
      hashAlgorithm: String(
        params?.signatureAlgorithmParameters?.hashAlgorithm,
      ),
    })
    if (!digest) return { sessionID: id }
    // The app shows the code the relying party computes from the digest.
    return {
      sessionID: id,
      vc: { type: 'numeric4', value: smartIdVerificationCode(digest) },
    }
  }

  app.post<{ Params: { id: string }; Body: StartBody }>(
    `${SMART_ID_PREFIX}/authentication/notification/etsi/:id`,
    async (req, reply) =>
      start(req.body ?? {}, reply, () =>
        findSmartIdAccount(options.db, req.params.id),
      ),
  )

  app.post<{ Params: { number: string }; Body: StartBody }>(
    `${SMART_ID_PREFIX}/authentication/notification/document/:number`,
    async (req, reply) =>
      start(req.body ?? {}, reply, () =>
        findSmartIdDocument(options.db, req.params.number),
      ),
  )

  app.post<{ Params: { id: string }; Body: StartBody }>(
    `${SMART_ID_PREFIX}/signature/notification/etsi/:id`,
    async (req, reply) =>
      start(
        req.body ?? {},
        reply,
        () => findSmartIdAccount(options.db, req.params.id),
        true,
      ),
  )

  app.post<{ Params: { number: string }; Body: StartBody }>(
    `${SMART_ID_PREFIX}/signature/notification/document/:number`,
    async (req, reply) =>
      start(
        req.body ?? {},
        reply,
        () => findSmartIdDocument(options.db, req.params.number),
        true,
      ),
  )

  app.get<{ Params: { id: string }; Querystring: { timeoutMs?: string } }>(
    `${SMART_ID_PREFIX}/session/:id`,
    async (req, reply) => {
      const session = sessions.get(req.params.id)
      if (!session) return reply.status(404).send()
      const timeoutMs = pollTimeout(req.query.timeoutMs, 60_500)
      if (timeoutMs === undefined) {
        return badRequest(reply, ['timeoutMs', 'must be 1000 to 120000'])
      }

      const confirmed = await sessions.confirmed(req.params.id, timeoutMs)
      if (!confirmed) return { state: 'RUNNING' }
      session.answer ??= await completion(session)
      return session.answer
    },
  )

  async function completion(session: Session): Promise<object> {
    const { account } = session
    if (account.endResult !== 'OK') {
      return { state: 'COMPLETE', result: { endResult: account.endResult } }
    }
    if (session.digest) {
      const issued = await options.ca.certificateFor(
        account.holder,
        'smart-id-signing',
      )
      return signedDigest(issued, {
        digest: session.digest,
        hashAlgorithm: session.hashAlgorithm,
        documentNumber: account.documentNumber,
        interactionTypeUsed: session.interactionType,
      })
    }
    const issued = await options.ca.certificateFor(account.holder, 'smart-id')
    return signedAuthentication(issued, {
      rpChallenge: session.rpChallenge,
      relyingPartyName: session.relyingPartyName,
      interactions: session.interactions,
      interactionTypeUsed: session.interactionType,
      hashAlgorithm: session.hashAlgorithm,
      documentNumber: account.documentNumber,
    })
  }

  return app
}
