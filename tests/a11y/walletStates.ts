import type { Page, Request, Route } from 'playwright-core'
import { expect, it } from 'vitest'
import { holdRequests } from '../support/a11yPage.ts'
import type { A11ySession } from '../support/a11ySession.ts'
import { RESIDENT } from '../support/a11yVariants.ts'
import { focused, tabTo } from '../support/keyboard.ts'

/*
 * The wallet's pages and states, for states.test.ts. The wallet API is
 * answered here in the shapes server/wallet/walletRoutes.ts gives, so the
 * checks can show every state and do not depend on the ledger: the balance and history, the send form
 * with its error summary, the confirmation, the result and every refusal
 * the page explains, the payment request with its QR code, the statement.
 */

const RECIPIENT = '38001085718'
const MASKED = 'O’C*****-Š*****'
const SEND = { path: '/wallet/send', name: 'wallet send' }

const transfer = (id: string, direction: 'in' | 'out', amount: number) => ({
  id,
  direction,
  counterparty: { kind: 'person', personalCode: RECIPIENT, maskedName: MASKED },
  amount,
  description: direction === 'in' ? 'Kohv ja saiake' : 'Lunch',
  createdAt: '2026-11-20T10:00:00.000Z',
  balanceAfter: 987654,
})

const GRANT = {
  ...transfer('grant', 'in', 10000),
  counterparty: { kind: 'treasury', personalCode: null, maskedName: null },
  description: 'Welcome',
}

/** What the faked wallet API answers; a test may change it on the way. */
interface WalletAnswers {
  /** A code the recipient check fails with, or none. */
  previewError?: string
  /** A code sending fails with, `NETWORK` for no answer, or none. */
  sendError?: string
  /** Transfers on the first page of the history. */
  transfers: number
}

const STATUS: Record<string, number> = {
  RECIPIENT_UNKNOWN: 404,
  SIGNATURE_REQUIRED: 403,
  INSUFFICIENT_FUNDS: 409,
  TRANSFER_ID_REUSED: 409,
  RATE_LIMITED: 429,
}

function json(status: number, body: unknown, headers = {}) {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    headers,
    body: JSON.stringify(body),
  }
}

function refusal(code: string) {
  const headers = code === 'RATE_LIMITED' ? { 'Retry-After': '30' } : {}
  return json(
    STATUS[code] ?? 400,
    { error: { code, message: `Made to fail by the test (${code}).` } },
    headers,
  )
}

function answer(request: Request, answers: WalletAnswers) {
  const path = new URL(request.url()).pathname
  const key = `${request.method()} ${path}`
  if (key === 'GET /api/wallet') {
    return json(200, {
      account: {
        personalCode: RESIDENT.personalCode,
        balance: 987654,
        currency: 'EST',
      },
      signatureThreshold: 5000,
    })
  }
  if (key === 'GET /api/wallet/transfers') {
    const transfers: object[] = Array.from(
      { length: answers.transfers },
      (_, i) => transfer(`t${i}`, i % 2 ? 'in' : 'out', 1250 + i),
    )
    // The oldest is the welcome grant, from the treasury.
    if (transfers.length > 0) transfers.push(GRANT)
    return json(200, { transfers, next: transfers.length ? 41 : null })
  }
  if (key === 'POST /api/wallet/recipients/preview') {
    if (answers.previewError) return refusal(answers.previewError)
    return json(200, { to: RECIPIENT, maskedName: MASKED })
  }
  if (key === 'POST /api/wallet/transfers') {
    if (answers.sendError) return refusal(answers.sendError)
    const { id, to, amount, description } = request.postDataJSON() as Record<
      string,
      unknown
    >
    const createdAt = '2026-11-20T10:00:00.000Z'
    return json(201, { transfer: { id, to, amount, description, createdAt } })
  }
  if (path.startsWith('/api/wallet/statements/')) {
    return json(200, {
      month: path.slice(-7),
      start: '2026-10-31T22:00:00.000Z',
      end: '2026-11-30T22:00:00.000Z',
      openingBalance: 1000000,
      closingBalance: 987654,
      transfers: [
        GRANT,
        transfer('s1', 'in', 500),
        transfer('s2', 'out', 12846),
      ],
    })
  }
  return refusal('NOT_FOUND')
}

const isWallet = (url: URL) => url.pathname.startsWith('/api/wallet')

/** Answers the wallet API in the page; returns a way to stop. */
async function fakeWallet(
  page: Page,
  answers: WalletAnswers,
): Promise<() => Promise<void>> {
  const handle = (route: Route) => {
    const request = route.request()
    const sending =
      request.method() === 'POST' &&
      new URL(request.url()).pathname === '/api/wallet/transfers'
    if (sending && answers.sendError === 'NETWORK') {
      return route.abort('connectionrefused')
    }
    return route.fulfill(answer(request, answers))
  }
  await page.route(isWallet, handle)
  return () => page.unroute(isWallet, handle)
}

/** Signs in and runs a check with the wallet API faked. */
async function withWallet(
  s: A11ySession,
  check: (answers: WalletAnswers) => Promise<void>,
): Promise<void> {
  await s.signIn()
  const answers: WalletAnswers = { transfers: 3 }
  const stop = await fakeWallet(s.page, answers)
  try {
    await check(answers)
  } finally {
    await stop()
  }
}

/** Fills in the send form and asks to check the recipient. */
async function checkRecipient(s: A11ySession): Promise<void> {
  await s.page.locator('#wallet-to').fill(RECIPIENT)
  await s.page.locator('#wallet-amount').fill('12,50')
  await s.page.locator('#wallet-description').fill('Lunch')
  await s.page
    .getByRole('button', { name: s.text('wallet.send.check') })
    .click()
}

/** The wallet's four pages as they usually are: for every variant. */
export function walletPages(session: () => A11ySession): void {
  it('the wallet is accessible with its balance and transfers', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet')
      await s.page.locator('[data-balance]').waitFor()
      await s.expectAccessible({
        path: '/wallet',
        name: 'wallet',
        state: 'page',
      })
    })
  })

  it('the send form is accessible', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/send')
      await s.page.locator('#wallet-to').waitFor()
      await s.expectAccessible({ ...SEND, state: 'page' })
    })
  })

  it('the payment request with its QR code is accessible', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/receive')
      await s.page.locator('svg.wallet-qr').waitFor()
      await s.expectAccessible({
        path: '/wallet/receive',
        name: 'wallet receive',
        state: 'page',
      })
    })
  })

  it('the statement is accessible', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/statement?month=2026-11')
      await s.page.locator('table').waitFor()
      await s.expectAccessible({
        path: '/wallet/statement',
        name: 'wallet statement',
        state: 'page',
      })
    })
  })
}

/** The wallet's rarer states: for a sample of variants. */
export function walletStates(session: () => A11ySession): void {
  it('the wallet is accessible while it loads, when it fails and with no transfers', async () => {
    const s = session()
    await s.signIn()
    const release = await holdRequests(s.page, '**/api/wallet**')
    try {
      await s.open('/wallet', { settle: false })
      await s.page.locator('#main .loading').waitFor()
      await s.expectAccessible({
        path: '/wallet',
        name: 'wallet',
        state: 'loading',
      })
    } finally {
      await release()
    }
    await withWallet(s, async (answers) => {
      answers.transfers = 0
      await s.open('/wallet')
      await s.page.getByText(s.text('wallet.history.empty')).waitFor()
      await s.expectAccessible({
        path: '/wallet',
        name: 'wallet',
        state: 'empty',
      })
    })
    const fail = (route: Route) => route.fulfill(refusal('XROAD_UNAVAILABLE'))
    await s.page.route(isWallet, fail)
    try {
      await s.open('/wallet')
      await s.page.getByText(s.text('errors.codes.XROAD_UNAVAILABLE')).waitFor()
      await s.expectAccessible({
        path: '/wallet',
        name: 'wallet',
        state: 'error',
      })
    } finally {
      await s.page.unroute(isWallet, fail)
    }
  })

  it('the send form is accessible with its error summary', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/send')
      await s.page
        .getByRole('button', { name: s.text('wallet.send.check') })
        .click()
      await s.page.locator('.error-summary:focus').waitFor()
      await s.expectAccessible({ ...SEND, state: 'error summary' })
    })
  })

  it('the send form is accessible filled in from a payment request', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open(`/wallet/send?to=${RECIPIENT}&amount=1250&description=Lunch`)
      await s.page.locator('[data-from-request]').waitFor()
      await s.expectAccessible({ ...SEND, state: 'from a payment request' })
    })
  })

  it('the confirmation and the result of a transfer are accessible', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/send')
      await checkRecipient(s)
      await s.page.locator('#wallet-confirm-title:focus').waitFor()
      await s.expectAccessible({ ...SEND, state: 'confirm' })
      await s.page.locator('[data-send]').click()
      await s.page.locator('#wallet-sent-title:focus').waitFor()
      await s.expectAccessible({ ...SEND, state: 'sent' })
    })
  })

  it('the send page is accessible with each refusal it explains', async () => {
    const s = session()
    await withWallet(s, async (answers) => {
      await s.open('/wallet/send')
      for (const code of ['RECIPIENT_UNKNOWN', 'RATE_LIMITED']) {
        answers.previewError = code
        await checkRecipient(s)
        await s.page.locator('.error-summary:focus').waitFor()
        await s.expectAccessible({ ...SEND, state: `check ${code}` })
      }
      answers.previewError = undefined
      const codes = [
        'SELF_TRANSFER',
        'AMOUNT_INVALID',
        'INSUFFICIENT_FUNDS',
        'TRANSFER_ID_REUSED',
        'SIGNATURE_REQUIRED',
        'VALIDATION_FAILED',
        'PERSONAL_CODE_INVALID',
        'NETWORK',
      ]
      for (const code of codes) {
        answers.sendError = code
        if (await s.page.locator('#wallet-to').isVisible()) {
          await checkRecipient(s)
          await s.page.locator('#wallet-confirm-title:focus').waitFor()
        }
        await s.page.locator('[data-send]').click()
        await s.page.locator('.error-summary:focus').waitFor()
        await s.expectAccessible({ ...SEND, state: `send ${code}` })
      }
    })
  })

  it('the payment request is accessible with its error summary', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/receive')
      await s.page.locator('#wallet-request-amount').fill('12,505')
      await s.page
        .getByRole('button', { name: s.text('wallet.receive.make') })
        .click()
      await s.page.locator('.error-summary:focus').waitFor()
      await s.expectAccessible({
        path: '/wallet/receive',
        name: 'wallet receive',
        state: 'error summary',
      })
    })
  })

  it('the send flow works with the keyboard alone', async () => {
    const s = session()
    await withWallet(s, async () => {
      await s.open('/wallet/send')
      const keys = s.page.keyboard

      // An empty form: Enter in a field submits; the summary's link leads
      // back to the field.
      await tabTo(s.page, (f) => f.id === 'wallet-to')
      await keys.press('Enter')
      await s.page.locator('.error-summary:focus').waitFor()
      await tabTo(s.page, (f) => f.href === '#wallet-to')
      await keys.press('Enter')
      expect((await focused(s.page)).id).toBe('wallet-to')

      await keys.type(RECIPIENT)
      await keys.press('Tab')
      await keys.type('12,50')
      await keys.press('Tab')
      await keys.type('Lunch')
      await keys.press('Enter')
      await s.page.locator('#wallet-confirm-title:focus').waitFor()

      await tabTo(s.page, (f) => f.text === s.text('wallet.confirm.send'))
      await keys.press('Enter')
      await s.page.locator('#wallet-sent-title:focus').waitFor()
      expect(await s.page.locator('[data-sent]').textContent()).toContain(
        MASKED,
      )
    })
  })
}
