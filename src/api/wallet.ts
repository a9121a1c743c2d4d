import { http } from './http'

/** The signed-in citizen's EstCoin account; amounts in integer cents. */
export interface WalletAccount {
  personalCode: string
  balance: number
  currency: 'EST'
}

/** `GET /api/wallet`: the account and the largest unsigned transfer. */
export interface WalletSummary {
  account: WalletAccount
  /** Transfers above this many cents need a signature. */
  signatureThreshold: number
}

/**
 * The other side of a transfer, its name masked (`M*** Ä***`). For the
 * treasury (grants) the portal gives `kind: 'treasury'` and no code or name.
 */
export interface Counterparty {
  kind?: 'person' | 'treasury'
  personalCode: string | null
  maskedName: string | null
}

/** One transfer as the citizen's account saw it. */
export interface WalletTransfer {
  id: string
  direction: 'in' | 'out'
  counterparty: Counterparty
  /** Cents, always positive; `direction` gives the sign. */
  amount: number
  description: string
  /** ISO date-time in UTC. */
  createdAt: string
  /** The citizen's balance just after this transfer, in cents. */
  balanceAfter: number
}

/** Where older transfers start: the portal gives a number. */
export type TransferCursor = string | number

/** One page of transfers, newest first; `next` asks for older ones. */
export interface TransferPage {
  transfers: WalletTransfer[]
  next: TransferCursor | null
}

/** The recipient's name as the population register knows it, masked. */
export interface RecipientPreview {
  to: string
  maskedName: string
}

/** What the citizen sends; `id` is made once per attempt, kept on retry. */
export interface TransferRequest {
  id: string
  to: string
  amount: number
  description: string
}

/**
 * A transfer as sending it answers. `balanceAfter` is there only when the
 * portal gives it; otherwise the wallet asks for the balance again.
 */
export interface SentTransfer {
  id: string
  to: string
  amount: number
  description: string
  createdAt: string
  balanceAfter?: number
}

/** One line of a monthly statement. */
export type StatementEntry = WalletTransfer

/** `GET /api/wallet/statements/{YYYY-MM}`. */
export interface WalletStatement {
  month: string
  openingBalance: number
  closingBalance: number
  entries: StatementEntry[]
}

/** The signed-in citizen's account and signature threshold. */
export async function fetchWallet(): Promise<WalletSummary> {
  return (await http.get<WalletSummary>('/wallet')).data
}

/** A page of transfers, newest first; `before` is a previous `next`. */
export async function fetchTransfers(
  page: { limit?: number; before?: TransferCursor } = {},
): Promise<TransferPage> {
  const params = Object.fromEntries(
    Object.entries(page).filter(([, v]) => v !== undefined),
  )
  return (await http.get<TransferPage>('/wallet/transfers', { params })).data
}

/** The masked name of the person a personal code belongs to. */
export async function previewRecipient(to: string): Promise<RecipientPreview> {
  return (
    await http.post<RecipientPreview>('/wallet/recipients/preview', { to })
  ).data
}

/** Sends EstCoin; a retry with the same id gives the first answer. */
export async function sendTransfer(
  request: TransferRequest,
): Promise<SentTransfer> {
  const { data } = await http.post<
    { transfer: SentTransfer } | (SentTransfer & Partial<WalletTransfer>)
  >('/wallet/transfers', request)
  // The portal wraps the transfer in `{transfer}`; the first draft of the
  // contract gave the wallet's view of it, with the balance after it.
  const sent = 'transfer' in data ? data.transfer : data
  return {
    id: sent.id,
    to: sent.to ?? request.to,
    amount: sent.amount,
    description: sent.description,
    createdAt: sent.createdAt,
    ...(typeof sent.balanceAfter === 'number'
      ? { balanceAfter: sent.balanceAfter }
      : {}),
  }
}

/** The statement as the portal sends it: its lines under `transfers`. */
type StatementAnswer = Omit<WalletStatement, 'entries'> & {
  entries?: StatementEntry[]
  transfers?: StatementEntry[]
}

/** The statement of a month, `YYYY-MM`, in Tallinn time. */
export async function fetchStatement(month: string): Promise<WalletStatement> {
  const { data } = await http.get<StatementAnswer>(
    `/wallet/statements/${month}`,
  )
  return {
    month: data.month,
    openingBalance: data.openingBalance,
    closingBalance: data.closingBalance,
    entries: data.entries ?? data.transfers ?? [],
  }
}
