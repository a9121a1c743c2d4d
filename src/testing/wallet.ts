import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'
import { createMemoryHistory } from 'vue-router'
import type { WalletSummary, WalletTransfer } from '@/api/wallet'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { fakeApi, freshPinia, sessionUser, type FakeAnswer } from './harness'

/** Mari Maasikas's wallet: 100.00 EST, signatures above 50.00 EST. */
export const WALLET: WalletSummary = {
  account: { personalCode: '38001085718', balance: 10000, currency: 'EST' },
  signatureThreshold: 5000,
}

/** A valid personal code that is not Mari's. */
export const RECIPIENT = '49403136526'

/** A transfer of Mari's, out of 12.50 EST unless overridden. */
export function walletTransfer(
  overrides: Partial<WalletTransfer> = {},
): WalletTransfer {
  return {
    id: '0d1f3a44-2b7e-4a40-8d0c-1c5a7b3f9e11',
    direction: 'out',
    counterparty: { personalCode: RECIPIENT, maskedName: 'M*** Ä***' },
    amount: 1250,
    description: 'Lunch',
    createdAt: '2026-12-03T22:30:00.000Z',
    balanceAfter: 8750,
    ...overrides,
  }
}

/** A JSON error answer of the portal. */
export function walletError(
  status: number,
  code: string,
  headers?: Record<string, string>,
): FakeAnswer {
  return { status, body: { error: { code, message: 'x' } }, headers }
}

/**
 * Mounts a wallet page on its route with Mari signed in and the API
 * answering as told. Unmount the wrapper after the test.
 */
export async function mountWalletPage(
  page: Component,
  path: string,
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
): Promise<{
  wrapper: VueWrapper
  router: ReturnType<typeof createAppRouter>
  calls: string[]
}> {
  const calls = fakeApi({
    'GET /session': { body: { user: sessionUser() } },
    ...answers,
  })
  const pinia = freshPinia()
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push(path)
  const wrapper = mount(page, {
    attachTo: document.body,
    global: { plugins: [pinia, i18n, router] },
  })
  await flushPromises()
  return { wrapper, router, calls }
}
