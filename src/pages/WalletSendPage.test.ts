import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import en from '@/i18n/locales/en.json'
import { sentBodies, useLanguage, type FakeAnswer } from '@/testing/harness'
import {
  mountWalletPage,
  RECIPIENT,
  WALLET,
  walletError,
  walletTransfer,
} from '@/testing/wallet'
import WalletSendPage from './WalletSendPage.vue'

const PREVIEW = { body: { to: RECIPIENT, maskedName: 'M*** Ä***' } }
const SENT = { status: 201, body: walletTransfer() }

let wrapper: VueWrapper | undefined

async function mountSend(
  answers: Record<string, FakeAnswer | FakeAnswer[]> = {},
  path = '/wallet/send',
) {
  const mounted = await mountWalletPage(WalletSendPage, path, {
    'GET /wallet': { body: WALLET },
    'POST /wallet/recipients/preview': PREVIEW,
    'POST /wallet/transfers': SENT,
    ...answers,
  })
  wrapper = mounted.wrapper
  return mounted
}

async function fill(w: VueWrapper, to: string, amount: string, text = '') {
  await w.get('#wallet-to').setValue(to)
  await w.get('#wallet-amount').setValue(amount)
  await w.get('#wallet-description').setValue(text)
}

async function checkRecipient(w: VueWrapper) {
  await w.get('form').trigger('submit')
  await flushPromises()
}

async function send(w: VueWrapper) {
  await w.get('[data-send]').trigger('click')
  await flushPromises()
}

function summaryText(w: VueWrapper): string {
  return w.get('.error-summary').text()
}

function transferBodies() {
  return sentBodies().filter(
    (body): body is { id: string } =>
      typeof body === 'object' && body !== null && 'id' in body,
  )
}

describe('WalletSendPage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  it('explains each problem of the form in a summary that takes focus, and asks nothing', async () => {
    const { calls } = await mountSend()
    await checkRecipient(wrapper!)
    const summary = wrapper!.get('.error-summary')
    expect(document.activeElement).toBe(summary.element)
    expect(summary.findAll('a').map((a) => a.text())).toEqual([
      'Enter the recipient’s personal code',
      'Enter the amount',
    ])
    expect(wrapper!.get('#wallet-to').attributes('aria-invalid')).toBe('true')
    expect(wrapper!.get('#wallet-to-error').text()).toContain(
      'Enter the recipient’s personal code',
    )

    await fill(wrapper!, '49403136527', '12.505')
    await checkRecipient(wrapper!)
    expect(summaryText(wrapper!)).toContain(
      'This personal code is not valid: check its digits',
    )
    expect(summaryText(wrapper!)).toContain(
      'Enter at most two digits after the decimal point, for example 12.50',
    )

    await fill(wrapper!, '4940313652', 'ten')
    await checkRecipient(wrapper!)
    expect(summaryText(wrapper!)).toContain(
      'The personal code must be 11 digits',
    )
    expect(summaryText(wrapper!)).toContain(
      'Enter the amount as a number, for example 12.50',
    )

    await fill(wrapper!, '38001085718', '0')
    await checkRecipient(wrapper!)
    expect(summaryText(wrapper!)).toContain(en.wallet.errors.SELF_TRANSFER)
    expect(summaryText(wrapper!)).toContain('Enter an amount of at least 0.01')
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([])
  })

  it('shows the balance and the signature threshold beside the amount', async () => {
    await mountSend()
    expect(wrapper!.get('#wallet-amount-hint').text()).toBe(
      'For example 12.50 or 12,50. You have 100.00 EST. ' +
        'Transfers above 50.00 EST need a signature.',
    )
  })

  it('checks the recipient, asks to confirm with the masked name, then sends once', async () => {
    const { calls } = await mountSend()
    await fill(wrapper!, RECIPIENT, '12,5', 'Lunch')
    await checkRecipient(wrapper!)
    expect(sentBodies().at(-1)).toEqual({ to: RECIPIENT })

    const question = wrapper!.get('#wallet-confirm-title')
    expect(question.text()).toBe('Send 12.50 EST to M*** Ä***?')
    expect(document.activeElement).toBe(question.element)
    expect(wrapper!.get('[data-masked-name]').text()).toBe('M*** Ä***')
    expect(calls).not.toContain('POST /wallet/transfers')

    await send(wrapper!)
    const [body] = transferBodies()
    expect(body).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      to: RECIPIENT,
      amount: 1250,
      description: 'Lunch',
    })
    const title = wrapper!.get('#wallet-sent-title')
    expect(document.activeElement).toBe(title.element)
    expect(wrapper!.get('[data-sent]').text()).toBe(
      '12.50 EST was sent to M*** Ä***.',
    )
    expect(wrapper!.text()).toContain('Your balance is now 87.50 EST.')
    expect(transferBodies()).toHaveLength(1)
  })

  it('takes the portal’s `{transfer}` answer and asks for the new balance', async () => {
    const { calls } = await mountSend({
      'GET /wallet': [
        { body: WALLET },
        {
          body: {
            ...WALLET,
            account: { ...WALLET.account, balance: 8750 },
          },
        },
      ],
      'POST /wallet/transfers': {
        status: 201,
        body: {
          transfer: {
            id: 'x',
            to: RECIPIENT,
            amount: 1250,
            description: 'Lunch',
            createdAt: '2026-12-03T22:30:00.000Z',
          },
        },
      },
    })
    await fill(wrapper!, RECIPIENT, '12.50', 'Lunch')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    expect(wrapper!.get('[data-sent]').text()).toBe(
      '12.50 EST was sent to M*** Ä***.',
    )
    expect(wrapper!.get('[data-balance-now]').text()).toBe(
      'Your balance is now 87.50 EST.',
    )
    expect(calls.filter((c) => c === 'GET /wallet')).toHaveLength(2)
  })

  it('leaves the balance out when it cannot be asked for again', async () => {
    await mountSend({
      'GET /wallet': [{ body: WALLET }, 'network'],
      'POST /wallet/transfers': {
        status: 200,
        body: {
          transfer: {
            id: 'x',
            to: RECIPIENT,
            amount: 1250,
            description: '',
            createdAt: '2026-12-03T22:30:00.000Z',
          },
        },
      },
    })
    await fill(wrapper!, RECIPIENT, '12.50')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    expect(wrapper!.find('#wallet-sent-title').exists()).toBe(true)
    expect(wrapper!.find('[data-balance-now]').exists()).toBe(false)
  })

  it('goes back to the form with everything kept when the citizen chooses Change', async () => {
    await mountSend()
    await fill(wrapper!, RECIPIENT, '3', 'Coffee')
    await checkRecipient(wrapper!)
    await wrapper!.get('[data-change]').trigger('click')
    await flushPromises()
    const to = wrapper!.get('#wallet-to')
    expect(document.activeElement).toBe(to.element)
    expect((to.element as HTMLInputElement).value).toBe(RECIPIENT)
    expect(
      (wrapper!.get('#wallet-amount').element as HTMLInputElement).value,
    ).toBe('3')
  })

  it('sends a retry after a lost answer under the same transfer id, so never twice', async () => {
    await mountSend({
      'POST /wallet/transfers': ['network', { status: 504 }, SENT],
    })
    await fill(wrapper!, RECIPIENT, '12.50', 'Lunch')
    await checkRecipient(wrapper!)
    await send(wrapper!)

    expect(summaryText(wrapper!)).toContain(
      en.wallet.errors.SEND_OUTCOME_UNKNOWN,
    )
    expect(document.activeElement).toBe(wrapper!.get('.error-summary').element)
    expect(wrapper!.get('[data-send]').text()).toBe('Try sending again')
    await send(wrapper!)
    expect(summaryText(wrapper!)).toContain(
      en.wallet.errors.SEND_OUTCOME_UNKNOWN,
    )
    await send(wrapper!)

    const ids = transferBodies().map((b) => b.id)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
    expect(wrapper!.find('#wallet-sent-title').exists()).toBe(true)
  })

  it('uses a new transfer id once the citizen changes what to send', async () => {
    await mountSend({ 'POST /wallet/transfers': ['network', SENT] })
    await fill(wrapper!, RECIPIENT, '12.50', 'Lunch')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    await wrapper!.get('[data-change]').trigger('click')
    await flushPromises()
    await wrapper!.get('#wallet-amount').setValue('12.00')
    await checkRecipient(wrapper!)
    await send(wrapper!)

    const [first, second] = transferBodies()
    expect(second).toMatchObject({ amount: 1200 })
    expect(second!.id).not.toBe(first!.id)
  })

  it('explains that a signature is needed above the threshold, keeping the form', async () => {
    await mountSend({
      'POST /wallet/transfers': walletError(403, 'SIGNATURE_REQUIRED'),
    })
    await fill(wrapper!, RECIPIENT, '60', 'Rent')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    const text =
      'Transfers above 50.00 EST need a signature with Mobile-ID, Smart-ID ' +
      'or the ID-card. Signing in the wallet is coming soon; until then, ' +
      'send 50.00 EST or less.'
    expect(summaryText(wrapper!)).toContain(text)
    expect(wrapper!.get('#wallet-amount-error').text()).toContain(text)
    expect(
      (wrapper!.get('#wallet-amount').element as HTMLInputElement).value,
    ).toBe('60')
    expect(
      (wrapper!.get('#wallet-description').element as HTMLInputElement).value,
    ).toBe('Rent')
  })

  const SEND_REFUSALS: [string, number, string][] = [
    ['RECIPIENT_UNKNOWN', 404, 'wallet-to'],
    ['SELF_TRANSFER', 422, 'wallet-to'],
    ['PERSONAL_CODE_INVALID', 400, 'wallet-to'],
    ['AMOUNT_INVALID', 400, 'wallet-amount'],
    ['INSUFFICIENT_FUNDS', 409, 'wallet-amount'],
    ['DESCRIPTION_INVALID', 400, 'wallet-description'],
  ]

  it.each(SEND_REFUSALS)(
    'explains %s in plain words beside the field at fault',
    async (code, status, field) => {
      await mountSend({ 'POST /wallet/transfers': walletError(status, code) })
      await fill(wrapper!, RECIPIENT, '12.50', 'Lunch')
      await checkRecipient(wrapper!)
      await send(wrapper!)
      const text = en.wallet.errors[code as keyof typeof en.wallet.errors]
      expect(summaryText(wrapper!)).toContain(text)
      expect(wrapper!.get('.error-summary a').attributes('href')).toBe(
        `#${field}`,
      )
      expect(wrapper!.get(`#${field}-error`).text()).toContain(text)
      expect(
        (wrapper!.get('#wallet-to').element as HTMLInputElement).value,
      ).toBe(RECIPIENT)
    },
  )

  it('explains a refused recipient check before the confirmation', async () => {
    await mountSend({
      'POST /wallet/recipients/preview': walletError(404, 'RECIPIENT_UNKNOWN'),
    })
    await fill(wrapper!, RECIPIENT, '1')
    await checkRecipient(wrapper!)
    expect(wrapper!.get('#wallet-to-error').text()).toContain(
      en.wallet.errors.RECIPIENT_UNKNOWN,
    )
    expect(wrapper!.find('#wallet-confirm-title').exists()).toBe(false)
  })

  it('says how long to wait when recipient checks are rate limited', async () => {
    await mountSend({
      'POST /wallet/recipients/preview': walletError(429, 'RATE_LIMITED', {
        'retry-after': '30',
      }),
    })
    await fill(wrapper!, RECIPIENT, '1')
    await checkRecipient(wrapper!)
    expect(summaryText(wrapper!)).toContain(
      'You have checked too many recipients. Wait 30 seconds and try again.',
    )
  })

  it('explains VALIDATION_FAILED at the field the server names', async () => {
    await mountSend({
      'POST /wallet/transfers': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'x',
            details: [{ field: 'body.amount', problem: 'type' }],
          },
        },
      },
    })
    await fill(wrapper!, RECIPIENT, '1')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    expect(wrapper!.get('#wallet-amount-error').text()).toContain(
      en.wallet.errors.VALIDATION_FAILED,
    )
  })

  it('explains TRANSFER_ID_REUSED and tries again under a new id', async () => {
    await mountSend({
      'POST /wallet/transfers': [walletError(409, 'TRANSFER_ID_REUSED'), SENT],
    })
    await fill(wrapper!, RECIPIENT, '12.50', 'Lunch')
    await checkRecipient(wrapper!)
    await send(wrapper!)
    expect(summaryText(wrapper!)).toContain(en.wallet.errors.TRANSFER_ID_REUSED)
    await send(wrapper!)
    const [first, second] = transferBodies()
    expect(second!.id).not.toBe(first!.id)
  })

  it('fills in the form from a payment request link, amount in the language’s form', async () => {
    await useLanguage('et')
    await mountSend(
      {},
      `/wallet/send?to=${RECIPIENT}&amount=123450&description=Kohv%20%26%20saiake`,
    )
    const value = (id: string) =>
      (wrapper!.get(id).element as HTMLInputElement).value
    expect(value('#wallet-to')).toBe(RECIPIENT)
    expect(value('#wallet-amount')).toBe('1234,50')
    expect(value('#wallet-description')).toBe('Kohv & saiake')
    expect(wrapper!.get('[data-from-request]').text()).toContain(
      'maksepalve põhjal',
    )

    await checkRecipient(wrapper!)
    expect(wrapper!.get('#wallet-confirm-title').text()).toBe(
      'Kas saata 1234,50 EST saajale M*** Ä***?',
    )
  })

  it('explains the signature threshold in Estonian and Russian too', async () => {
    for (const [language, expected] of [
      ['et', 'Üle 50,00 EST ülekanded vajavad allkirja'],
      ['ru', 'Для переводов свыше 50,00 EST нужна подпись'],
    ] as const) {
      await useLanguage(language)
      await mountSend({
        'POST /wallet/transfers': walletError(403, 'SIGNATURE_REQUIRED'),
      })
      await fill(wrapper!, RECIPIENT, '60')
      await checkRecipient(wrapper!)
      await send(wrapper!)
      expect(summaryText(wrapper!)).toContain(expected)
      wrapper!.unmount()
      wrapper = undefined
    }
  })

  it('shows the wallet’s failure to load with a way to try again', async () => {
    await mountSend({ 'GET /wallet': walletError(502, 'XROAD_UNAVAILABLE') })
    expect(wrapper!.get('[role="alert"]').text()).toContain(
      'The agency’s service could not be reached.',
    )
    expect(wrapper!.find('form').exists()).toBe(false)
  })
})
