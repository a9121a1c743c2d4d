import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify'
import { isValidPersonalCode } from '../../../common/personalCode.ts'
import type { Account } from '../accounts.ts'
import { LedgerError } from '../errors.ts'
import type { Ledger } from '../ledger.ts'
import { checkTransferRequest } from '../transfer.ts'
import {
  ServiceError,
  serviceErrorSpec,
  type ServiceErrorCode,
} from './errors.ts'
import { LEDGER_OPENAPI } from './openApi.ts'
import { actingPerson } from './userId.ts'

/** What the ledger service is built from. */
export interface LedgerAppOptions {
  ledger: Ledger
  /** Cents above which a transfer needs the sender's signature. */
  signatureThreshold: number
  log: FastifyBaseLogger
}

function sendError(reply: FastifyReply, code: ServiceErrorCode) {
  const { status, message } = serviceErrorSpec(code)
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } })
}

function accountBody(account: Account) {
  return {
    personalCode: account.owner,
    balance: account.balance,
    entryCount: account.entryCount,
    headHash: account.headHash,
    openedAt: account.openedAt,
  }
}

/** A whole number from a query value, or NaN, which the ledger refuses. */
function queryNumber(value: unknown): number | undefined {
  if (value === undefined) return undefined
  return typeof value === 'string' && /^\d{1,15}$/.test(value)
    ? Number(value)
    : Number.NaN
}

/**
 * The EstCoin ledger as an X-Road REST service (LEDGER_OPENAPI). Each
 * operation acts for the X-Road user only; the security server in front
 * decides which clients may call it. Answers are personal data, so none
 * is cached and no body or personal code is logged.
 */
export function buildLedgerApp(options: LedgerAppOptions): FastifyInstance {
  const { ledger, signatureThreshold } = options
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
  })

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof LedgerError || error instanceof ServiceError) {
      return sendError(reply, error.code)
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, 'REQUEST_INVALID')
    }
    request.log.error({ err: error }, 'ledger request failed')
    return sendError(reply, 'INTERNAL')
  })
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'NOT_FOUND'))

  app.get('/openapi.json', async () => LEDGER_OPENAPI)

  app.get('/account', async (request) => {
    const { account } = await ledger.openAccount(actingPerson(request))
    return { account: accountBody(account), signatureThreshold }
  })

  app.get('/history', async (request) => {
    const owner = actingPerson(request)
    const query = request.query as Record<string, unknown>
    const limit = queryNumber(query.limit) ?? 20
    const entries = await ledger.history(owner, {
      limit,
      before: queryNumber(query.before),
    })
    const last = entries.at(-1)
    const next =
      entries.length === limit && last && last.seq > 1 ? last.seq : null
    return { entries, next }
  })

  app.get<{ Params: { month: string } }>(
    '/statements/:month',
    async (request) =>
      ledger.statement(actingPerson(request), request.params.month),
  )

  app.get<{ Params: { personalCode: string } }>(
    '/recipients/:personalCode',
    async (request) => {
      actingPerson(request)
      const { personalCode } = request.params
      if (!isValidPersonalCode(personalCode)) {
        throw new LedgerError('PERSONAL_CODE_INVALID')
      }
      const account = await ledger.account(personalCode)
      return { personalCode, hasAccount: account !== undefined }
    },
  )

  app.post('/transfers', async (request, reply) => {
    const from = actingPerson(request)
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ServiceError('REQUEST_INVALID')
    }
    const fields = body as Record<string, unknown>
    const { openRecipient = false } = fields
    if (typeof openRecipient !== 'boolean') {
      throw new ServiceError('REQUEST_INVALID')
    }
    // The sender is the X-Road user, whatever the body says.
    const checked = checkTransferRequest({
      id: fields.id,
      from,
      to: fields.to,
      amount: fields.amount,
      description: fields.description,
    })
    if (checked.amount > signatureThreshold) {
      throw new ServiceError('SIGNATURE_REQUIRED')
    }
    // The ledger opens a recipient's account on first use; the service
    // lets it only when the client says the person exists.
    if (!openRecipient && !(await ledger.account(checked.to))) {
      throw new ServiceError('RECIPIENT_UNKNOWN')
    }
    const result = await ledger.transfer(checked)
    return reply.code(result.created ? 201 : 200).send(result)
  })

  return app
}
