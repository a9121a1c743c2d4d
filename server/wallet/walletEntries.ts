import type { LedgerEntryAnswer } from './ledgerClient.ts'
import type { WalletNames } from './walletNames.ts'

/** The ledger's name of the treasury account, which issues EstCoin. */
export const TREASURY = 'treasury'

/** One entry of the citizen's account as the wallet shows it. */
export interface WalletTransfer {
  id: string
  direction: 'in' | 'out'
  counterparty: {
    kind: 'person' | 'treasury'
    /** Null for the treasury. */
    personalCode: string | null
    /** maskName of their name, when the portal has seen it; else null. */
    maskedName: string | null
  }
  /** Cents, above zero; `direction` says which way. */
  amount: number
  description: string
  createdAt: string
  balanceAfter: number
}

/** JSON schema of WalletTransfer, for the API description. */
export const walletTransferSchema = {
  type: 'object',
  required: [
    'id',
    'direction',
    'counterparty',
    'amount',
    'description',
    'createdAt',
    'balanceAfter',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    direction: { type: 'string', enum: ['in', 'out'] },
    counterparty: {
      type: 'object',
      required: ['kind', 'personalCode', 'maskedName'],
      properties: {
        kind: { type: 'string', enum: ['person', 'treasury'] },
        personalCode: { type: ['string', 'null'] },
        maskedName: { type: ['string', 'null'] },
      },
    },
    amount: { type: 'integer' },
    description: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    balanceAfter: { type: 'integer' },
  },
} as const

/** The ledger's entries as the wallet shows them, masked names added. */
export async function walletTransfers(
  entries: readonly LedgerEntryAnswer[],
  names: WalletNames,
): Promise<WalletTransfer[]> {
  const known = await names.lookUp(
    entries.map((e) => e.counterparty).filter((c) => c !== TREASURY),
  )
  return entries.map((entry) => {
    const treasury = entry.counterparty === TREASURY
    return {
      id: entry.transferId,
      direction: entry.amount < 0 ? 'out' : 'in',
      counterparty: {
        kind: treasury ? 'treasury' : 'person',
        personalCode: treasury ? null : entry.counterparty,
        maskedName: treasury ? null : (known.get(entry.counterparty) ?? null),
      },
      amount: Math.abs(entry.amount),
      description: entry.description,
      createdAt: entry.createdAt,
      balanceAfter: entry.balanceAfter,
    }
  })
}
