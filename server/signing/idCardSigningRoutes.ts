import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { transferDigest } from '../../common/transferDigest.ts'
import type { Database } from '../db/schema.ts'
import { verifyDigestSignature } from '../eid/digestSignature.ts'
import { checkSigningCertificate } from '../eid/signingCertificate.ts'
import { errorBodySchema, portalError, type CoreErrorCode } from '../errors.ts'
import { judgeSignature, type SigningTrust } from './checkSigner.ts'
import { signingIdParams } from './phoneSigningRoutes.ts'
import {
  signerOf,
  transferSchema,
  transferToSign,
  type TransferBody,
} from './signingRequest.ts'
import { TransferSignatures } from './transferSignatures.ts'

/** What the ID-card signing routes need. */
export interface IdCardSigningOptions {
  db: Kysely<Database>
  secure: boolean
  trust: Omit<SigningTrust, 'now'>
  clock?: () => Date
}

/** The Web eID `signatureAlgorithm` of a signature made with `sign`. */
export interface WebEidSignatureAlgorithm {
  cryptoAlgorithm: string
  hashFunction: string
  paddingScheme: string
}

/** The ID-card signs the transfer's SHA-256 digest. */
const HASH_FUNCTION = 'SHA-256'

/**
 * The digest-signature algorithm name for a Web eID signature algorithm:
 * ECDSA (`ECC`, no padding) or RSA PKCS#1 v1.5 over SHA-256. RSA-PSS and
 * other hashes are not asked for, so they are refused.
 */
function digestAlgorithm(algorithm: WebEidSignatureAlgorithm): string {
  if (algorithm.hashFunction !== HASH_FUNCTION) return ''
  if (
    algorithm.cryptoAlgorithm === 'ECC' &&
    algorithm.paddingScheme === 'NONE'
  ) {
    return 'SHA256WithECEncryption'
  }
  if (
    algorithm.cryptoAlgorithm === 'RSA' &&
    algorithm.paddingScheme === 'PKCS1.5'
  ) {
    return 'SHA256WithRSAEncryption'
  }
  return ''
}

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  502: errorBodySchema,
}

/**
 * ID-card transfer signing through Web eID. `POST
 * /api/signing/id-card/prepare` `{transfer, certificate}` takes the
 * signing certificate the page got from the extension
 * (`getSigningCertificate`), checks it names the signed-in citizen and is
 * meant for signing, and returns the hash to sign; `POST
 * /api/signing/id-card/{id}` `{signature, signatureAlgorithm}` takes the
 * extension's `sign` answer and verifies it. A refusal is a 4xx error
 * with its code; the signature is then complete and not usable.
 */
export async function idCardSigningRoutes(
  app: FastifyInstance,
  options: IdCardSigningOptions,
): Promise<void> {
  const clock = options.clock ?? (() => new Date())
  const store = new TransferSignatures(options.db, clock)
  const signer = (request: FastifyRequest) => signerOf(request, options.secure)

  app.post<{ Body: { transfer: TransferBody; certificate: string } }>(
    '/api/signing/id-card/prepare',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'Prepares signing an EstCoin transfer with the ID-card',
        tags: ['signing'],
        body: {
          type: 'object',
          required: ['transfer', 'certificate'],
          additionalProperties: false,
          properties: {
            transfer: transferSchema,
            certificate: {
              type: 'string',
              maxLength: 8192,
              pattern: '^[A-Za-z0-9+/]+={0,2}$',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['id', 'hash', 'hashFunction'],
            properties: {
              id: { type: 'string' },
              hash: { type: 'string' },
              hashFunction: { type: 'string' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const who = signer(request)
      const transfer = transferToSign(request, request.body.transfer)
      const der = Buffer.from(request.body.certificate, 'base64')
      const check = await checkSigningCertificate(der, {
        anchors: options.trust.anchors,
        now: clock(),
      })
      if (!check.ok) throw portalError(check.refusal)
      if (
        check.person.country !== 'EE' ||
        check.person.personalCode !== who.personalCode
      ) {
        throw portalError('IDENTITY_MISMATCH')
      }
      const digest = transferDigest(transfer, 'SHA256')
      const id = await store.create({
        signer: who,
        method: 'id-card',
        transferId: transfer.id,
        digest,
        hashType: 'SHA256',
        providerSession: null,
        certificate: request.body.certificate,
      })
      return {
        id,
        hash: Buffer.from(digest).toString('base64'),
        hashFunction: HASH_FUNCTION,
      }
    },
  )

  app.post<{
    Params: { id: string }
    Body: { signature: string; signatureAlgorithm: WebEidSignatureAlgorithm }
  }>(
    '/api/signing/id-card/:id',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'Completes an ID-card transfer signature',
        tags: ['signing'],
        params: signingIdParams,
        body: {
          type: 'object',
          required: ['signature', 'signatureAlgorithm'],
          additionalProperties: false,
          properties: {
            signature: {
              type: 'string',
              maxLength: 2048,
              pattern: '^[A-Za-z0-9+/]+={0,2}$',
            },
            signatureAlgorithm: {
              type: 'object',
              required: ['cryptoAlgorithm', 'hashFunction', 'paddingScheme'],
              properties: {
                cryptoAlgorithm: { type: 'string', maxLength: 16 },
                hashFunction: { type: 'string', maxLength: 16 },
                paddingScheme: { type: 'string', maxLength: 16 },
              },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['state', 'result'],
            properties: {
              state: { type: 'string', enum: ['COMPLETE'] },
              result: { type: 'string', enum: ['OK'] },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const row = await store.find(
        request.params.id,
        'id-card',
        signer(request),
      )
      if (!row?.certificate) throw portalError('NOT_FOUND')
      if (row.state === 'COMPLETE')
        throw portalError('SIGNING_ALREADY_COMPLETE')

      const { signature, signatureAlgorithm } = request.body
      const algorithm = digestAlgorithm(signatureAlgorithm)
      const result = await judgeSignature(
        {
          certificate: Buffer.from(row.certificate, 'base64'),
          personalCode: row.personal_code,
          ocspRequired: true,
          verify: (certificate) =>
            verifyDigestSignature({
              certificate,
              digest: Buffer.from(row.transfer_digest, 'base64'),
              hashType: row.hash_type,
              signature: Buffer.from(signature, 'base64'),
              algorithm,
            }),
        },
        { ...options.trust, now: clock() },
      )
      const first = await store.complete(row.id, result, { signature })
      if (!first) throw portalError('SIGNING_ALREADY_COMPLETE')
      request.log.info(
        { signing: 'id-card', result },
        'transfer signature completed',
      )
      if (result !== 'OK') throw portalError(result as CoreErrorCode)
      return { state: 'COMPLETE', result: 'OK' }
    },
  )
}
