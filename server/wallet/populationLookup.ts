import { portalError } from '../errors.ts'
import type { Gateway } from '../xroad/gateway.ts'

/** `X-Road-Issue` of a recipient preview in the population register. */
export const RECIPIENT_CHECK_ISSUE = 'ESTCOIN_RECIPIENT_CHECK'
/** `X-Road-Issue` of the check before a first transfer to someone. */
export const RECIPIENT_TRANSFER_ISSUE = 'ESTCOIN_TRANSFER'

/**
 * Asks the population register, through X-Road for the sender (the
 * register's usage log records who asked, for whom and why, so the
 * recipient sees it in their Data Tracker), for the recipient's name.
 * Unknown to the register: RECIPIENT_UNKNOWN.
 */
export async function recipientName(options: {
  gateway: Gateway
  service: string
  sender: string
  recipient: string
  issue: string
}): Promise<string> {
  const response = await options.gateway.send<unknown>({
    service: options.service,
    method: 'GET',
    path: `/${options.recipient}`,
    userId: `EE${options.sender}`,
    issue: options.issue,
  })
  if (response.status === 404) throw portalError('RECIPIENT_UNKNOWN')
  const person = response.body as {
    givenName?: unknown
    familyName?: unknown
  } | null
  if (
    response.status !== 200 ||
    typeof person?.givenName !== 'string' ||
    typeof person.familyName !== 'string'
  ) {
    throw portalError('REGISTER_REFUSED')
  }
  return `${person.givenName} ${person.familyName}`
}
