import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { SignedTransfer } from '../../common/transferDigest.ts'
import { SignInRateLimit } from '../auth/rateLimit.ts'
import type { Database } from '../db/schema.ts'
import { errorBodySchema, portalError } from '../errors.ts'
import { SIGNING_RESULTS } from './signingResults.ts'
import {
  signerOf,
  transferSchema,
  transferToSign,
  type TransferBody,
} from './signingRequest.ts'
import {
  TransferSignatures,
  type TransferSignature,
} from './transferSignatures.ts'

/** A started signature: what to remember and what the browser shows. */
export interface StartedSignature {
  providerSession: string
  digest: Uint8Array
  hashType: string
  verificationCode: string
  /** The signing certificate, when the provider gave it before signing. */
  certificate?: string
}

/** A completed signature's outcome: OK with what was signed, or why not. */
export interface SignatureJudgement {
  result: string
  certificate?: string
  signature?: string
}

/**
 * One signing method on the citizen's phone (Mobile-ID, Smart-ID): how
 * its start request reads and how the provider is asked and answered.
 */
export interface PhoneSigningMethod<Extra extends object> {
  /** `mobile-id` or `smart-id`. */
  method: string
  label: string
  /** JSON schema properties of the request besides `transfer`. */
  extraProperties: Record<string, object>
  providerResults: readonly string[]
  start(
    request: FastifyRequest,
    transfer: SignedTransfer,
    extra: Extra,
  ): Promise<StartedSignature>
  poll(
    signature: TransferSignature,
    timeoutMs: number,
    now: Date,
  ): Promise<SignatureJudgement | 'RUNNING'>
}

/** What the shared signing routes need besides the method. */
export interface PhoneSigningOptions {
  db: Kysely<Database>
  secure: boolean
  /** Signature starts per minute per citizen. */
  rateLimit: number
  pollTimeoutMs?: number
  clock?: () => Date
}

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
  502: errorBodySchema,
}

export const signingIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const

/**
 * `POST /api/signing/{method}` `{transfer, …}` starts a signature of the
 * transfer and returns the verification code, `GET
 * /api/signing/{method}/{id}` polls it, `DELETE` cancels it. All need a
 * signed-in citizen; a signature belongs to that citizen's session.
 */
export async function phoneSigningRoutes<Extra extends object>(
  app: FastifyInstance,
  options: PhoneSigningOptions,
  signing: PhoneSigningMethod<Extra>,
): Promise<void> {
  const { method, label } = signing
  const clock = options.clock ?? (() => new Date())
  const store = new TransferSignatures(options.db, clock)
  const limiter = new SignInRateLimit(options.db, options.rateLimit, clock)
  const pollTimeoutMs = options.pollTimeoutMs ?? 1000
  const path = `/api/signing/${method}`
  const signer = (request: FastifyRequest) => signerOf(request, options.secure)

  app.post<{ Body: { transfer: TransferBody } & Extra }>(
    path,
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: `Starts signing an EstCoin transfer with ${label}`,
        tags: ['signing'],
        body: {
          type: 'object',
          required: ['transfer', ...Object.keys(signing.extraProperties)],
          additionalProperties: false,
          properties: { transfer: transferSchema, ...signing.extraProperties },
        },
        response: {
          200: {
            type: 'object',
            required: ['id', 'verificationCode'],
            properties: {
              id: { type: 'string' },
              verificationCode: { type: 'string', pattern: '^\\d{4}$' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      // The schema above has checked the body's shape.
      const body = request.body as { transfer: TransferBody } & Extra
      const who = signer(request)
      const transfer = transferToSign(request, body.transfer)
      await limiter.take([`signing:${who.personalCode}`])
      const started = await signing.start(request, transfer, body)
      const id = await store.create({
        signer: who,
        method,
        transferId: transfer.id,
        digest: started.digest,
        hashType: started.hashType,
        providerSession: started.providerSession,
        certificate: started.certificate ?? null,
      })
      return { id, verificationCode: started.verificationCode }
    },
  )

  app.get<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: `Polls a ${label} transfer signature`,
        description:
          `result is the ${label} outcome ` +
          `(${signing.providerResults.join(', ')}) or the portal’s ` +
          `refusal (${SIGNING_RESULTS.join(', ')}).`,
        tags: ['signing'],
        params: signingIdParams,
        response: {
          200: {
            type: 'object',
            required: ['state'],
            properties: {
              state: { type: 'string', enum: ['RUNNING', 'COMPLETE'] },
              result: { type: 'string' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const row = await store.find(request.params.id, method, signer(request))
      if (!row) throw portalError('NOT_FOUND')
      if (row.state === 'COMPLETE') {
        return { state: 'COMPLETE', result: row.result ?? '' }
      }
      const judgement = await signing.poll(row, pollTimeoutMs, clock())
      if (judgement === 'RUNNING') return { state: 'RUNNING' }
      const first = await store.complete(row.id, judgement.result, judgement)
      request.log.info(
        { signing: method, result: judgement.result },
        'transfer signature completed',
      )
      if (first) return { state: 'COMPLETE', result: judgement.result }
      // Another poll completed it first: answer what it recorded.
      const stored = await store.find(row.id, method, signer(request))
      return { state: 'COMPLETE', result: stored?.result ?? judgement.result }
    },
  )

  app.delete<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: `Cancels a running ${label} transfer signature`,
        tags: ['signing'],
        params: signingIdParams,
        response: {
          204: { type: 'null' },
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const cancelled = await store.cancel(
        request.params.id,
        method,
        signer(request),
      )
      if (!cancelled) throw portalError('NOT_FOUND')
      return reply.status(204).send()
    },
  )
}
