import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { http } from '@/api/http'
import { useAnnouncerStore } from '@/stores/announcer'
import { settle, useLanguage } from '@/testing/harness'
import {
  mountWalletPage,
  WALLET,
  walletError,
  walletTransfer,
} from '@/testing/wallet'
import WalletPage from './WalletPage.vue'

const FIRST = {
  body: {
    transfers: [
      walletTransfer({ id: 't3' }),
      walletTransfer({
        id: 't2',
        direction: 'in',
        amount: 123456789,
        counterparty: {
          personalCode: '38001085718',
          maskedName: 'O’C*****-Š*****',
        },
        createdAt: '2026-12-01T08:05:00.000Z',
        balanceAfter: 123456789,
        description: '',
      }),
    ],
    next: 'cursor-1',
  },
}
const OLDER = {
  body: { transfers: [walletTransfer({ id: 't1' })], next: null },
}

let wrapper: VueWrapper | undefined

/** Records the query parameters of every call. */
function recordParams(): unknown[] {
  const params: unknown[] = []
  const adapter = http.defaults.adapter as (c: unknown) => Promise<unknown>
  http.defaults.adapter = (config) => {
    params.push((config as { params?: unknown }).params)
    return adapter(config) as never
  }
  return params
}

describe('WalletPage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  it('shows the balance and the newest transfers with signs and Tallinn times', async () => {
    ;({ wrapper } = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': { body: WALLET },
      'GET /wallet/transfers': FIRST,
    }))
    expect(wrapper.get('[data-balance]').text()).toBe('100.00 EST')
    const items = wrapper.findAll('.wallet-transfer')
    expect(items).toHaveLength(2)
    expect(items[0]!.text()).toContain('To M*** Ä***')
    expect(items[0]!.text()).toContain('−12.50 EST')
    // 22:30 UTC on 3 December is half past midnight on 4 December in Tallinn.
    expect(items[0]!.get('time').text()).toBe('4 Dec 2026, 00:30')
    expect(items[0]!.text()).toContain('balance after: 87.50 EST')
    expect(items[1]!.text()).toContain('From O’C*****-Š*****')
    expect(items[1]!.text()).toContain('+1,234,567.89 EST')
  })

  it('uses the language’s separators', async () => {
    await useLanguage('et')
    ;({ wrapper } = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': { body: WALLET },
      'GET /wallet/transfers': FIRST,
    }))
    expect(wrapper.text()).toContain('+1\u00a0234\u00a0567,89 EST')
    expect(wrapper.get('[data-balance]').text()).toBe('100,00 EST')
  })

  it('shows older transfers on request, announcing them and focusing the first', async () => {
    const mounted = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': { body: WALLET },
      'GET /wallet/transfers': [FIRST, OLDER],
    })
    wrapper = mounted.wrapper
    const params = recordParams()
    const spy = vi.spyOn(useAnnouncerStore(), 'announce')

    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(params.at(-1)).toEqual({ limit: 20, before: 'cursor-1' })
    const items = wrapper.findAll('.wallet-transfer')
    expect(items.map((i) => i.attributes('data-transfer-id'))).toEqual([
      't3',
      't2',
      't1',
    ])
    expect(document.activeElement).toBe(items[2]!.element)
    expect(spy).toHaveBeenCalledWith('1 older transfer shown.')
    // No cursor left: no button.
    expect(wrapper.find('button').exists()).toBe(false)
    await settle(0)
  })

  it('names the treasury for a grant, which has no code or name', async () => {
    ;({ wrapper } = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': { body: WALLET },
      'GET /wallet/transfers': {
        body: {
          transfers: [
            walletTransfer({
              direction: 'in',
              amount: 10000,
              counterparty: {
                kind: 'treasury',
                personalCode: null,
                maskedName: null,
              },
            }),
          ],
          next: 41,
        },
      },
    }))
    const item = wrapper.get('.wallet-transfer')
    expect(item.get('.wallet-transfer__who').text()).toBe(
      'From EstCoin treasury',
    )
    expect(wrapper.find('button').text()).toBe('Show older transfers')
  })

  it('says when there are no transfers yet', async () => {
    ;({ wrapper } = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': { body: WALLET },
      'GET /wallet/transfers': { body: { transfers: [], next: null } },
    }))
    expect(wrapper.text()).toContain('You have no transfers yet.')
  })

  it('shows an error with a way to try again, which loads the wallet', async () => {
    const mounted = await mountWalletPage(WalletPage, '/wallet', {
      'GET /wallet': [walletError(503, 'NOT_AVAILABLE'), { body: WALLET }],
      'GET /wallet/transfers': FIRST,
    })
    wrapper = mounted.wrapper
    expect(wrapper.get('[role="alert"]').text()).toContain(
      'The portal is not ready yet.',
    )
    await wrapper.get('[role="alert"] button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-balance]').text()).toBe('100.00 EST')
  })
})
