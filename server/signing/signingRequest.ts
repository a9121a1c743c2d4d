import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import type { SignedTransfer } from '../../common/transferDigest.ts'
import type { DisplayLocale } from '../../common/transferDisplayText.ts'
import { portalError } from '../errors.ts'
import { sessionCookieName } from '../session/sessionPlugin.ts'
import type { Signer } from './transferSignatures.ts'

/** The transfer as the browser sends it to be signed. */
export interface TransferBody {
  id: string
  to: string
  amount: number
  description?: string
}

/** Largest amount in cents: its display text still fits 20 characters. */
export const MAX_AMOUNT = 99_999_999_999

/** JSON schema of `transfer` in every signing request. */
export const transferSchema = {
  type: 'object',
  required: ['id', 'to', 'amount'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      pattern:
        '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    },
    to: { type: 'string', maxLength: 11 },
    amount: { type: 'integer', minimum: 1, maximum: MAX_AMOUNT },
    description: { type: 'string', maxLength: 140 },
  },
} as const

/**
 * The transfer the signed-in citizen signs: the body's fields with the
 * citizen as payer. Refuses a recipient personal code without a valid
 * check digit.
 */
export function transferToSign(
  request: FastifyRequest,
  body: TransferBody,
): SignedTransfer {
  if (!isValidPersonalCode(body.to)) {
    throw portalError('PERSONAL_CODE_INVALID', {
      details: [{ field: 'transfer.to', problem: 'invalid' }],
    })
  }
  return {
    id: body.id,
    from: request.citizen?.personalCode ?? '',
    to: body.to,
    amount: body.amount,
    description: body.description ?? '',
  }
}

/**
 * The signed-in citizen and the hash of their session cookie: a
 * signature is known only to the session (browser) that started it.
 */
export function signerOf(request: FastifyRequest, secure: boolean): Signer {
  const citizen = request.citizen
  const cookie = request.cookies[sessionCookieName(secure)]
  if (!citizen || !cookie) throw portalError('SIGN_IN_REQUIRED')
  return {
    personalCode: citizen.personalCode,
    sessionHash: createHash('sha256').update(cookie).digest('hex'),
  }
}

/** The language of the phone's text: the request's Accept-Language. */
export function displayLocale(request: FastifyRequest): DisplayLocale {
  const header = request.headers['accept-language'] ?? ''
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase() ?? ''
  return first === 'et' || first === 'ru' ? first : 'en'
}

/**
 * How the recipient is named on the phone: the masked name the population
 * register gives (as the wallet's preview shows it), or, when the portal
 * has no way to ask, the recipient's personal code.
 */
export type RecipientName = (
  personalCode: string,
  request: FastifyRequest,
) => Promise<string | undefined>
