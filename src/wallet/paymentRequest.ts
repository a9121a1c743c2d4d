/**
 * A payment request: a link to the send form with the recipient, and
 * optionally an amount and a description, filled in. Whoever opens it
 * still checks the recipient and confirms; the link only saves typing.
 */
import { DESCRIPTION_MAX } from './description'

/** What a payment request link carries. */
export interface PaymentRequest {
  to: string
  /** Cents; absent when the payer chooses. */
  amount?: number
  description?: string
}

/** Where the send form lives in the portal. */
export const SEND_PATH = '/wallet/send'

/** The full link of a payment request at the portal's origin. */
export function paymentRequestLink(
  origin: string,
  request: PaymentRequest,
): string {
  const params = new URLSearchParams({ to: request.to })
  if (request.amount !== undefined) {
    params.set('amount', String(request.amount))
  }
  if (request.description) params.set('description', request.description)
  return `${origin}${SEND_PATH}?${params.toString()}`
}

function single(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}

/**
 * Reads a payment request from the send page's query. A part that is not
 * well formed is left out, so the form never starts with a wrong amount;
 * the recipient is kept as given and checked like a typed one.
 */
export function readPaymentRequest(
  query: Record<string, unknown>,
): Partial<PaymentRequest> {
  const request: Partial<PaymentRequest> = {}
  const to = single(query.to)?.trim()
  if (to) request.to = to.slice(0, 20)

  const amount = single(query.amount)
  if (amount && /^\d{1,16}$/.test(amount)) {
    const cents = Number(amount)
    if (cents > 0 && Number.isSafeInteger(cents)) request.amount = cents
  }

  const description = single(query.description)
  if (description) {
    request.description = [...description].slice(0, DESCRIPTION_MAX).join('')
  }
  return request
}
