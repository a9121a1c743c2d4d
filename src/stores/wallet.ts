import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import {
  fetchWallet,
  type SentTransfer,
  type TransferRequest,
  type WalletSummary,
} from '@/api/wallet'
import { randomUuid } from '@/utils/uuid'

/** What the citizen has typed into the send form. */
export interface SendDraft {
  to: string
  amount: string
  description: string
}

/**
 * The citizen's EstCoin wallet: the account as last loaded, the send
 * form's draft (kept while the citizen looks elsewhere in the wallet) and
 * the id of the transfer being sent. The id is made once for a recipient,
 * amount and description and reused by every retry of them, so a retry
 * after a lost answer never sends twice. Reset on sign-out.
 */
export const useWalletStore = defineStore('wallet', () => {
  const summary = ref<WalletSummary | null>(null)
  const draft = reactive<SendDraft>({ to: '', amount: '', description: '' })
  const attempt = ref<{ key: string; id: string } | null>(null)

  /** Loads the account and the signature threshold. */
  async function load(): Promise<WalletSummary> {
    summary.value = await fetchWallet()
    return summary.value
  }

  /** The transfer id for these fields: the same until a transfer settles. */
  function transferId(fields: Omit<TransferRequest, 'id'>): string {
    const key = JSON.stringify([fields.to, fields.amount, fields.description])
    if (attempt.value?.key !== key) {
      attempt.value = { key, id: randomUuid() }
    }
    return attempt.value.id
  }

  /** Forgets the attempt's id: the server answered, so it is settled. */
  function settle(): void {
    attempt.value = null
  }

  /**
   * Records a sent transfer: empty form, no open attempt, and the new
   * balance when the answer gave it (else the account is stale: forgotten).
   */
  function sent(transfer: SentTransfer): void {
    settle()
    Object.assign(draft, { to: '', amount: '', description: '' })
    if (transfer.balanceAfter === undefined) {
      summary.value = null
    } else if (summary.value) {
      summary.value = {
        ...summary.value,
        account: { ...summary.value.account, balance: transfer.balanceAfter },
      }
    }
  }

  return { summary, draft, attempt, load, transferId, settle, sent }
})
