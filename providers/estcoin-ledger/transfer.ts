import type { Kysely } from 'kysely'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import { findAccount, openAccounts } from './accounts.ts'
import { findTransfer, postTransfer, type Transfer } from './postTransfer.ts'
import { LedgerError } from './errors.ts'
import { clientTransferId } from './transferId.ts'

/** What a client asks for; checked by checkTransferRequest. */
export interface TransferRequest {
  /** The client's UUID for the transfer; a retry sends the same one. */
  id: string
  /** The sender's personal code. */
  from: string
  /** The recipient's personal code. */
  to: string
  /** Cents, a positive safe integer. */
  amount: number
  description: string
}

/** A transfer and whether this call wrote it (false: a retry's answer). */
export interface TransferResult {
  transfer: Transfer
  created: boolean
}

/** Longest description, in Unicode code points. */
export const DESCRIPTION_MAX = 140

const CONTROL = /\p{Cc}/u
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** True for a description the ledger stores and hashes as given. */
export function isValidDescription(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    [...value].length <= DESCRIPTION_MAX &&
    !CONTROL.test(value) &&
    !LONE_SURROGATE.test(value)
  )
}

function personalCode(value: unknown): string {
  if (typeof value !== 'string' || !isValidPersonalCode(value)) {
    throw new LedgerError('PERSONAL_CODE_INVALID')
  }
  return value
}

/**
 * Checks every field of a client's transfer, whatever its type, and
 * returns it with the id lowercased; throws the first LedgerError found.
 */
export function checkTransferRequest(input: {
  [K in keyof TransferRequest]: unknown
}): TransferRequest {
  const id = clientTransferId(input.id)
  const from = personalCode(input.from)
  const to = personalCode(input.to)
  if (from === to) throw new LedgerError('SELF_TRANSFER')
  const { amount, description } = input
  if (
    typeof amount !== 'number' ||
    !Number.isSafeInteger(amount) ||
    amount <= 0
  ) {
    throw new LedgerError('AMOUNT_INVALID')
  }
  if (!isValidDescription(description)) {
    throw new LedgerError('DESCRIPTION_INVALID')
  }
  return { id, from, to, amount, description }
}

function sameRequest(transfer: Transfer, request: TransferRequest): boolean {
  return (
    transfer.from === request.from &&
    transfer.to === request.to &&
    transfer.amount === request.amount &&
    transfer.description === request.description
  )
}

/** The answer to a request whose id is taken: the first result, or a refusal. */
async function replay(
  db: Kysely<unknown>,
  request: TransferRequest,
): Promise<TransferResult> {
  const existing = await findTransfer(db, request.id)
  if (!existing) throw new Error(`Transfer ${request.id} vanished`)
  if (!sameRequest(existing, request)) {
    throw new LedgerError('TRANSFER_ID_REUSED')
  }
  return { transfer: existing, created: false }
}

/**
 * Moves `amount` cents from one person's account to another's in one
 * atomic statement (see postTransfer): both accounts locked in id order,
 * the balance checked, the transfer and its two entries written. The
 * recipient's account is opened on first use. Idempotent: a request with
 * a known id answers that transfer if every field matches and
 * TRANSFER_ID_REUSED if not, also when both arrive at once. Other
 * refusals: the codes of checkTransferRequest and INSUFFICIENT_FUNDS.
 */
export async function transfer(
  db: Kysely<unknown>,
  input: { [K in keyof TransferRequest]: unknown },
  now: () => Date = () => new Date(),
): Promise<TransferResult> {
  const request = checkTransferRequest(input)
  for (let opened = false; ; opened = true) {
    const made = { ...request, createdAt: now() }
    const outcome = await postTransfer(db, made)
    if (outcome === 'posted') return { transfer: made, created: true }

    // A retry of a transfer that was made may find the balance spent.
    if (await findTransfer(db, request.id)) return replay(db, request)
    if (outcome === 'insufficient') throw new LedgerError('INSUFFICIENT_FUNDS')
    if (outcome === 'id taken') throw new Error('A taken id was not found')

    // An account is missing: a sender without one has nothing to send.
    if (!(await findAccount(db, request.from))) {
      throw new LedgerError('INSUFFICIENT_FUNDS')
    }
    if (opened) throw new Error('The recipient’s account did not open')
    await openAccounts(db, [request.to], now())
  }
}
