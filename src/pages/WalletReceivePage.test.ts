import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAnnouncerStore } from '@/stores/announcer'
import { settle, useLanguage } from '@/testing/harness'
import { mountWalletPage } from '@/testing/wallet'
import WalletReceivePage from './WalletReceivePage.vue'

let wrapper: VueWrapper | undefined

async function mountReceive() {
  ;({ wrapper } = await mountWalletPage(
    WalletReceivePage,
    '/wallet/receive',
    {},
  ))
  return wrapper!
}

function link(w: VueWrapper): URL {
  return new URL(w.get('[data-request-link]').attributes('href')!)
}

describe('WalletReceivePage', () => {
  beforeEach(() => useLanguage('en'))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
  })

  it('offers a link to the send form with the citizen’s personal code, and its QR code', async () => {
    const w = await mountReceive()
    const url = link(w)
    expect(url.origin).toBe(window.location.origin)
    expect(url.pathname).toBe('/wallet/send')
    expect(Object.fromEntries(url.searchParams)).toEqual({ to: '38001085718' })
    expect(w.get('[data-request-link]').text()).toBe(url.href)
    const qr = w.get('svg.wallet-qr')
    expect(qr.attributes('role')).toBe('img')
    expect(qr.attributes('aria-label')).toBe(
      'QR code of your payment request link',
    )
    expect(w.text()).toContain('The payer chooses the amount.')
  })

  it('adds an amount in cents and a description, redrawing the QR code', async () => {
    const w = await mountReceive()
    const before = w.get('svg.wallet-qr path').attributes('d')
    await w.get('#wallet-request-amount').setValue('12,50')
    await w.get('#wallet-request-description').setValue('Kohv & saiake')
    await w.get('form').trigger('submit')
    expect(Object.fromEntries(link(w).searchParams)).toEqual({
      to: '38001085718',
      amount: '1250',
      description: 'Kohv & saiake',
    })
    expect(w.get('svg.wallet-qr path').attributes('d')).not.toBe(before)
    expect(w.text()).toContain('You ask for 12.50 EST.')
  })

  it('refuses an amount it cannot read, keeping the link as it was', async () => {
    const w = await mountReceive()
    await w.get('#wallet-request-amount').setValue('12.505')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(document.activeElement).toBe(w.get('.error-summary').element)
    expect(w.get('#wallet-request-amount-error').text()).toContain(
      'Enter at most two digits after the decimal point',
    )
    expect(link(w).searchParams.has('amount')).toBe(false)
  })

  it('copies the link and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const w = await mountReceive()
    const spy = vi.spyOn(useAnnouncerStore(), 'announce')
    await w.get('.wallet-request button').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(link(w).href)
    expect(spy).toHaveBeenCalledWith('The link is copied.')
    await settle(0)
  })

  it('says how to copy by hand when the browser refuses', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')))
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const w = await mountReceive()
    const spy = vi.spyOn(useAnnouncerStore(), 'announce')
    await w.get('.wallet-request button').trigger('click')
    await flushPromises()
    expect(spy).toHaveBeenCalledWith(
      'The link could not be copied. Select the link and copy it yourself.',
      'assertive',
    )
    await settle(0)
  })
})
