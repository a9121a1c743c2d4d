import type { FastifyInstance } from 'fastify'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import { refusePersonalCode } from '../auth/phoneSignInRoutes.ts'
import { errorBodySchema, portalError, PortalError } from '../errors.ts'
import type { TransferOrder } from './ledgerClient.ts'
import {
  recipientName,
  RECIPIENT_CHECK_ISSUE,
  RECIPIENT_TRANSFER_ISSUE,
} from './populationLookup.ts'
import type { Wallet } from './wallet.ts'
import { walletTransfers, walletTransferSchema } from './walletEntries.ts'

/** Longest transfer description, as the ledger keeps it. */
const DESCRIPTION_MAX = 140

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
} as const

const transferBody = {
  type: 'object',
  required: ['id', 'to', 'amount', 'description'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    to: { type: 'string', maxLength: 20 },
    // Checked by hand, so a wrong amount has its own code (AMOUNT_INVALID).
    amount: {},
    description: { type: 'string', maxLength: DESCRIPTION_MAX },
  },
} as const

const sentSchema = {
  type: 'object',
  required: ['transfer'],
  properties: {
    transfer: {
      type: 'object',
      required: ['id', 'to', 'amount', 'description', 'createdAt'],
      properties: {
        id: { type: 'string' },
        to: { type: 'string' },
        amount: { type: 'integer' },
        description: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const

function recipientCode(to: string, sender: string): string {
  if (!isValidPersonalCode(to)) refusePersonalCode()
  if (to === sender) throw portalError('SELF_TRANSFER')
  return to
}

/**
 * The EstCoin wallet of the signed-in citizen, every call through X-Road
 * to the ledger service for that citizen only: the account, its history,
 * a month's statement, a masked preview of a recipient's name (from the
 * population register, rate-limited) and transfers.
 */
export async function walletRoutes(
  app: FastifyInstance,
  wallet: Wallet,
): Promise<void> {
  const citizenOf = (request: { citizen: { personalCode: string } | null }) =>
    request.citizen!.personalCode

  app.get(
    '/api/wallet',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'The citizen’s EstCoin account (opened on first use)',
        tags: ['wallet'],
        response: {
          200: {
            type: 'object',
            required: ['account', 'signatureThreshold'],
            properties: {
              account: {
                type: 'object',
                required: ['personalCode', 'balance', 'currency'],
                properties: {
                  personalCode: { type: 'string' },
                  balance: { type: 'integer' },
                  currency: { type: 'string', enum: ['EST'] },
                },
              },
              signatureThreshold: { type: 'integer' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const answer = await wallet.ledger.account(citizenOf(request))
      return {
        account: {
          personalCode: answer.account.personalCode,
          balance: answer.account.balance,
          currency: 'EST',
        },
        signatureThreshold: answer.signatureThreshold,
      }
    },
  )

  app.get<{ Querystring: { limit?: number; before?: number } }>(
    '/api/wallet/transfers',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'The citizen’s transfers, newest first, a page at a time',
        tags: ['wallet'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100 },
            before: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['transfers', 'next'],
            properties: {
              transfers: { type: 'array', items: walletTransferSchema },
              next: { type: ['integer', 'null'] },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await wallet.ledger.history(
        citizenOf(request),
        request.query,
      )
      return {
        transfers: await walletTransfers(page.entries, wallet.names),
        next: page.next,
      }
    },
  )

  app.get<{ Params: { month: string } }>(
    '/api/wallet/statements/:month',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'The citizen’s statement of a Europe/Tallinn month',
        tags: ['wallet'],
        params: {
          type: 'object',
          required: ['month'],
          properties: { month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
        },
        response: {
          200: {
            type: 'object',
            required: [
              'month',
              'start',
              'end',
              'openingBalance',
              'closingBalance',
              'transfers',
            ],
            properties: {
              month: { type: 'string' },
              start: { type: 'string', format: 'date-time' },
              end: { type: 'string', format: 'date-time' },
              openingBalance: { type: 'integer' },
              closingBalance: { type: 'integer' },
              transfers: { type: 'array', items: walletTransferSchema },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const statement = await wallet.ledger.statement(
        citizenOf(request),
        request.params.month,
      )
      return {
        month: statement.month,
        start: statement.start,
        end: statement.end,
        openingBalance: statement.openingBalance,
        closingBalance: statement.closingBalance,
        transfers: await walletTransfers(statement.entries, wallet.names),
      }
    },
  )

  app.post<{ Body: { to: string } }>(
    '/api/wallet/recipients/preview',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary:
          'The recipient’s name as the population register knows it, masked',
        tags: ['wallet'],
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: { to: { type: 'string', maxLength: 20 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['to', 'maskedName'],
            properties: {
              to: { type: 'string' },
              maskedName: { type: 'string' },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const sender = citizenOf(request)
      // Counted before anything else, so bad codes count too: the limit
      // stops guessing who has which personal code.
      await wallet.previewLimit.take([`wallet-preview:${sender}`])
      const to = recipientCode(request.body.to, sender)
      const name = await recipientName({
        gateway: wallet.gateway,
        service: wallet.populationService,
        sender,
        recipient: to,
        issue: RECIPIENT_CHECK_ISSUE,
      })
      return { to, maskedName: await wallet.names.remember(to, name) }
    },
  )

  app.post<{
    Body: { id: string; to: string; amount: unknown; description: string }
  }>(
    '/api/wallet/transfers',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'Sends EstCoin from the citizen’s account; idempotent by id',
        description:
          'A retry with the same id and details answers the first ' +
          'transfer (200); the same id with other details is refused ' +
          '(TRANSFER_ID_REUSED).',
        tags: ['wallet'],
        body: transferBody,
        response: { 200: sentSchema, 201: sentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const sender = citizenOf(request)
      const { id, description, amount } = request.body
      const to = recipientCode(request.body.to, sender)
      if (
        typeof amount !== 'number' ||
        !Number.isSafeInteger(amount) ||
        amount <= 0
      ) {
        throw portalError('AMOUNT_INVALID')
      }
      const order: TransferOrder = { id, to, amount, description }
      let sent
      try {
        sent = await wallet.ledger.transfer(sender, order)
      } catch (error) {
        if (
          !(error instanceof PortalError) ||
          error.code !== 'RECIPIENT_UNKNOWN'
        ) {
          throw error
        }
        // A first transfer to someone: the ledger opens their account
        // once the population register confirms they exist.
        await recipientName({
          gateway: wallet.gateway,
          service: wallet.populationService,
          sender,
          recipient: to,
          issue: RECIPIENT_TRANSFER_ISSUE,
        })
        sent = await wallet.ledger.transfer(sender, {
          ...order,
          openRecipient: true,
        })
      }
      return reply.code(sent.created ? 201 : 200).send({
        transfer: {
          id: sent.transfer.id,
          to: sent.transfer.to,
          amount: sent.transfer.amount,
          description: sent.transfer.description,
          createdAt: sent.transfer.createdAt,
        },
      })
    },
  )
}
