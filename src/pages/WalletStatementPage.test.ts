import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WalletStatement } from '@/api/wallet'
import { useLanguage } from '@/testing/harness'
import { mountWalletPage, walletError, walletTransfer } from '@/testing/wallet'
import WalletStatementPage from './WalletStatementPage.vue'

const NOVEMBER: WalletStatement = {
  month: '2026-11',
  openingBalance: 10000,
  closingBalance: 9250,
  entries: [
    walletTransfer({
      id: 'late',
      createdAt: '2026-11-20T10:00:00.000Z',
      amount: 500,
      direction: 'in',
      balanceAfter: 9250,
      description: '@SUM(A1)',
    }),
    walletTransfer({
      id: 'early',
      createdAt: '2026-11-02T08:00:00.000Z',
      balanceAfter: 8750,
    }),
  ],
}

let wrapper: VueWrapper | undefined

async function mountStatement(answers = {}) {
  const mounted = await mountWalletPage(
    WalletStatementPage,
    '/wallet/statement?month=2026-11',
    { 'GET /wallet/statements/2026-11': { body: NOVEMBER }, ...answers },
  )
  wrapper = mounted.wrapper
  return mounted
}

describe('WalletStatementPage', () => {
  beforeEach(async () => {
    await useLanguage('en')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('shows the month in the address with balances and transfers, oldest first', async () => {
    const { calls } = await mountStatement()
    expect(calls).toContain('GET /wallet/statements/2026-11')
    expect(wrapper!.get('h2').text()).toBe('Statement for November 2026')
    expect(wrapper!.get('[data-opening]').text()).toBe('100.00 EST')
    expect(wrapper!.get('[data-closing]').text()).toBe('92.50 EST')
    const rows = wrapper!.findAll('tbody tr')
    expect(rows.map((r) => r.findAll('td')[3]!.text())).toEqual([
      '−12.50 EST',
      '+5.00 EST',
    ])
    expect(wrapper!.findAll('th[scope="col"]')).toHaveLength(5)
    expect(wrapper!.get('select').element.value).toBe('2026-11')
  })

  it('downloads the statement as CSV', async () => {
    await mountStatement()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:statement'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download)
    })
    const csvButton = wrapper!
      .findAll('button')
      .find((b) => b.text() === 'Download as CSV')!
    await csvButton.trigger('click')

    expect(clicked).toEqual(['estcoin-statement-2026-11.csv'])
    const lines = (await blobs[0]!.text()).split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(
      /^2026-11-02T08:00:00.000Z,2026-11-02 10:00:00,out,/,
    )
    expect(lines[2]).toContain(",5.00,92.50,'@SUM(A1),late")
  })

  it('prints the page', async () => {
    await mountStatement()
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const button = wrapper!.findAll('button').find((b) => b.text() === 'Print')!
    await button.trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('shows another month when chosen, and keeps it in the address', async () => {
    const { calls, router } = await mountStatement({
      'GET /wallet/statements/2026-10': {
        body: { ...NOVEMBER, month: '2026-10', entries: [] },
      },
    })
    const select = wrapper!.get('select')
    expect(select.findAll('option')[1]!.text()).toBe('November 2026')
    await select.setValue('2026-10')
    await wrapper!.get('form').trigger('submit')
    await flushPromises()
    expect(calls).toContain('GET /wallet/statements/2026-10')
    expect(router.currentRoute.value.query).toEqual({ month: '2026-10' })
    expect(wrapper!.text()).toContain('There were no transfers this month.')
  })

  it('opens on the current Tallinn month when the address names none', async () => {
    // 22:30 UTC on 31 December is already January in Tallinn.
    vi.setSystemTime(new Date('2026-12-31T22:30:00Z'))
    const mounted = await mountWalletPage(
      WalletStatementPage,
      '/wallet/statement',
      {
        'GET /wallet/statements/2027-01': {
          body: { ...NOVEMBER, month: '2027-01', entries: [] },
        },
      },
    )
    wrapper = mounted.wrapper
    expect(mounted.calls).toContain('GET /wallet/statements/2027-01')
    expect(wrapper.get('h2').text()).toBe('Statement for January 2027')
  })

  it('reads the portal’s statement, its lines under `transfers`', async () => {
    const { entries, ...rest } = NOVEMBER
    await mountStatement({
      'GET /wallet/statements/2026-11': {
        body: {
          ...rest,
          start: '2026-10-31T22:00:00.000Z',
          end: '2026-11-30T22:00:00.000Z',
          transfers: [
            ...entries,
            walletTransfer({
              id: 'grant',
              direction: 'in',
              createdAt: '2026-11-01T00:00:00.000Z',
              counterparty: {
                kind: 'treasury',
                personalCode: null,
                maskedName: null,
              },
            }),
          ],
        },
      },
    })
    const rows = wrapper!.findAll('tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[0]!.findAll('td')[1]!.text()).toBe('EstCoin treasury')
  })

  it('shows an error with a way to try again', async () => {
    await mountStatement({
      'GET /wallet/statements/2026-11': walletError(404, 'NOT_FOUND'),
    })
    expect(wrapper!.get('[role="alert"]').text()).toContain(
      'What you were looking for was not found.',
    )
  })
})
