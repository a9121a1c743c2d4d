import { describe, expect, it } from 'vitest'
import { paymentRequestLink, readPaymentRequest } from './paymentRequest'

const ORIGIN = 'https://portal.example'

describe('paymentRequestLink', () => {
  it('links to the send form with the recipient only', () => {
    expect(paymentRequestLink(ORIGIN, { to: '38001085718' })).toBe(
      'https://portal.example/wallet/send?to=38001085718',
    )
  })

  it('adds the amount in cents and an encoded description', () => {
    const link = paymentRequestLink(ORIGIN, {
      to: '38001085718',
      amount: 1250,
      description: 'Kohv & saiake, Õismäe',
    })
    const url = new URL(link)
    expect(url.pathname).toBe('/wallet/send')
    expect(url.searchParams.get('amount')).toBe('1250')
    expect(url.searchParams.get('description')).toBe('Kohv & saiake, Õismäe')
    expect(readPaymentRequest(Object.fromEntries(url.searchParams))).toEqual({
      to: '38001085718',
      amount: 1250,
      description: 'Kohv & saiake, Õismäe',
    })
  })
})

describe('readPaymentRequest', () => {
  it('leaves out an amount that is not a positive whole number of cents', () => {
    for (const amount of ['12.50', '-5', '0', 'abc', '99999999999999999']) {
      expect(readPaymentRequest({ to: '38001085718', amount })).toEqual({
        to: '38001085718',
      })
    }
  })

  it('takes the first of repeated values and ignores other types', () => {
    expect(
      readPaymentRequest({ to: ['38001085718', '1'], amount: ['5', '7'] }),
    ).toEqual({ to: '38001085718', amount: 5 })
    expect(readPaymentRequest({ to: null, description: 5 })).toEqual({})
  })

  it('cuts a description to the ledger’s 140 characters', () => {
    const request = readPaymentRequest({
      to: '1',
      description: '€'.repeat(200),
    })
    expect([...(request.description ?? '')]).toHaveLength(140)
  })
})
