import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import {
  transferDigest,
  type TransferHashType,
} from '../../common/transferDigest.ts'
import type { Database } from '../db/schema.ts'

/** How long a completed signature stays usable for its transfer. */
export const SIGNATURE_FRESH_MS = 5 * 60 * 1000

/** Why a signature cannot authorise the transfer (errors.ts codes). */
export type TransferSignatureRefusal =
  | 'TRANSFER_SIGNATURE_UNKNOWN'
  | 'TRANSFER_SIGNATURE_MISMATCH'
  | 'TRANSFER_SIGNATURE_EXPIRED'
  | 'TRANSFER_SIGNATURE_USED'

/** The outcome: the method and certificate of the signature, or a refusal. */
export type ConsumeResult =
  | { ok: true; method: string; certificate: string; signature: string }
  | { ok: false; refusal: TransferSignatureRefusal }

/** The transfer as the wallet received it; `from` is the citizen. */
export interface TransferToAuthorise {
  id: string
  to: string
  amount: number
  description?: string
}

/**
 * Uses a completed OK transfer signature for the wallet's transfer, once:
 * it must belong to the citizen, have been made over exactly this
 * transfer's digest (id, payer, recipient, amount, description), be at
 * most five minutes old, and not have been used. The use is recorded by
 * a conditional update, so two concurrent transfers cannot both use one
 * signature. Call it after the transfer's own checks, right before the
 * ledger is asked.
 */
export async function consumeTransferSignature(
  db: Kysely<Database>,
  request: {
    signingId: string
    personalCode: string
    transfer: TransferToAuthorise
  },
  now: Date = new Date(),
): Promise<ConsumeResult> {
  const row = await db
    .selectFrom('transfer_signatures')
    .selectAll()
    .where('id', '=', request.signingId)
    .where('personal_code', '=', request.personalCode)
    .where('result', '=', 'OK')
    .executeTakeFirst()
  if (!row?.certificate || !row.signature || !row.completed_at) {
    return { ok: false, refusal: 'TRANSFER_SIGNATURE_UNKNOWN' }
  }

  const expected = transferDigest(
    {
      id: request.transfer.id,
      from: request.personalCode,
      to: request.transfer.to,
      amount: request.transfer.amount,
      description: request.transfer.description ?? '',
    },
    row.hash_type as TransferHashType,
  )
  const signed = Buffer.from(row.transfer_digest, 'base64')
  if (signed.length !== expected.length || !timingSafeEqual(signed, expected)) {
    return { ok: false, refusal: 'TRANSFER_SIGNATURE_MISMATCH' }
  }
  if (row.used_at) return { ok: false, refusal: 'TRANSFER_SIGNATURE_USED' }
  const cutoff = new Date(now.getTime() - SIGNATURE_FRESH_MS)
  if (new Date(row.completed_at) < cutoff) {
    return { ok: false, refusal: 'TRANSFER_SIGNATURE_EXPIRED' }
  }

  const used = await db
    .updateTable('transfer_signatures')
    .set({ used_at: now })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) {
    return { ok: false, refusal: 'TRANSFER_SIGNATURE_USED' }
  }
  return {
    ok: true,
    method: row.method,
    certificate: row.certificate,
    signature: row.signature,
  }
}
