import type { FastifyBaseLogger } from 'fastify'
import { portalError, type CoreErrorCode } from '../errors.ts'
import type { Gateway, XRoadRequest } from '../xroad/gateway.ts'

/** `X-Road-Issue` of the wallet's calls to the ledger. */
export const WALLET_ISSUE = 'ESTCOIN_WALLET'

/** An account as the ledger service answers it. */
export interface LedgerAccount {
  personalCode: string
  balance: number
  entryCount: number
}

/** One entry of an account's chain, as the ledger service answers it. */
export interface LedgerEntryAnswer {
  seq: number
  transferId: string
  /** A personal code, or `treasury`. */
  counterparty: string
  amount: number
  balanceAfter: number
  description: string
  createdAt: string
}

/** A transfer as the ledger service answers it. */
export interface LedgerTransfer {
  id: string
  from: string
  to: string
  amount: number
  description: string
  createdAt: string
}

/** A month's statement as the ledger service answers it. */
export interface LedgerStatement {
  month: string
  start: string
  end: string
  openingBalance: number
  entries: LedgerEntryAnswer[]
  closingBalance: number
}

/** What a transfer asks the ledger for; the sender is the X-Road user. */
export interface TransferOrder {
  id: string
  to: string
  amount: number
  description: string
  /** The population register knows the recipient: open their account. */
  openRecipient?: boolean
}

/**
 * The ledger's refusals the portal passes on to the citizen, as core
 * codes; any other refusal means the portal asked wrongly.
 */
const PASSED_ON: Record<string, CoreErrorCode> = {
  PERSONAL_CODE_INVALID: 'PERSONAL_CODE_INVALID',
  SELF_TRANSFER: 'SELF_TRANSFER',
  AMOUNT_INVALID: 'AMOUNT_INVALID',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  TRANSFER_ID_INVALID: 'TRANSFER_ID_INVALID',
  TRANSFER_ID_REUSED: 'TRANSFER_ID_REUSED',
  SIGNATURE_REQUIRED: 'SIGNATURE_REQUIRED',
  RECIPIENT_UNKNOWN: 'RECIPIENT_UNKNOWN',
  MONTH_INVALID: 'MONTH_INVALID',
  DESCRIPTION_INVALID: 'VALIDATION_FAILED',
  PAGING_INVALID: 'VALIDATION_FAILED',
}

const FIELD_OF: Record<string, string> = {
  DESCRIPTION_INVALID: 'description',
  PAGING_INVALID: 'limit',
}

function errorCodeOf(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error
  return typeof error?.code === 'string' ? error.code : undefined
}

/** The EstCoin ledger service, called through X-Road for one citizen. */
export interface LedgerClient {
  /** `timeoutMs` bounds the wait, e.g. at sign-in. */
  account(
    personalCode: string,
    options?: { timeoutMs?: number },
  ): Promise<{
    account: LedgerAccount
    signatureThreshold: number
  }>
  history(
    personalCode: string,
    page: { limit?: number; before?: number },
  ): Promise<{ entries: LedgerEntryAnswer[]; next: number | null }>
  statement(personalCode: string, month: string): Promise<LedgerStatement>
  transfer(
    personalCode: string,
    order: TransferOrder,
  ): Promise<{ transfer: LedgerTransfer; created: boolean }>
}

/**
 * The ledger client over the portal's gateway: every call carries the
 * signed-in citizen as `X-Road-UserId`, which is the only account the
 * ledger then acts on. A refusal the citizen can act on becomes the core
 * error of the same meaning; anything else the ledger answers is logged
 * (code and status only) and becomes XROAD_BAD_RESPONSE.
 */
export function createLedgerClient(options: {
  gateway: Gateway
  service: string
  log: FastifyBaseLogger
}): LedgerClient {
  async function call<T>(
    personalCode: string,
    request: Pick<
      XRoadRequest,
      'method' | 'path' | 'query' | 'body' | 'timeoutMs'
    >,
  ): Promise<T> {
    const response = await options.gateway.send<unknown>({
      ...request,
      service: options.service,
      userId: `EE${personalCode}`,
      issue: WALLET_ISSUE,
    })
    if (response.status >= 200 && response.status < 300) {
      return response.body as T
    }
    const code = errorCodeOf(response.body) ?? ''
    const passed = PASSED_ON[code]
    if (passed) {
      const field = FIELD_OF[code]
      throw portalError(passed, {
        details: field ? [{ field, problem: 'invalid' }] : undefined,
      })
    }
    options.log.error(
      { status: response.status, code, xroadMessageId: response.messageId },
      'the ledger refused the portal’s request',
    )
    throw portalError('XROAD_BAD_RESPONSE')
  }

  return {
    account: (code, options = {}) =>
      call(code, { method: 'GET', path: '/account', ...options }),
    history: (code, page) => {
      const query: Record<string, string> = {}
      if (page.limit !== undefined) query.limit = String(page.limit)
      if (page.before !== undefined) query.before = String(page.before)
      return call(code, { method: 'GET', path: '/history', query })
    },
    statement: (code, month) =>
      call(code, {
        method: 'GET',
        path: `/statements/${encodeURIComponent(month)}`,
      }),
    transfer: (code, order) =>
      call(code, { method: 'POST', path: '/transfers', body: order }),
  }
}
