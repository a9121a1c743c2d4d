import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { acspV2Payload, encodeInteractions } from './acspV2.ts'

// The worked example of the Smart-ID RP API v3 documentation
// ("ACSP_V2 digest calculation"), with its published SHA-512 digest.
const EXAMPLE = {
  serverRandom: 'MTlop6EXCrQ6FOErcKjxUhbV',
  rpChallenge:
    'GYS+yoah6emAcVDNIajwSs6UB/M95XrDxMzXBUkwQJ9YFDipXXzGpPc7raWcuc2+TEoRc7WvIZ/7dU/iRXenYg==',
  userChallenge: 'GnsWXXEjTCKR89fj9uo5u5ReBZ9JR7_pezLAI5jMS00',
  relyingPartyName: 'DEMO',
  brokeredRpName: 'Example RP',
  interactions: encodeInteractions([
    {
      type: 'confirmationMessage',
      displayText200: 'Longer description of the transaction context',
    },
    {
      type: 'displayTextAndPIN',
      displayText60: 'Short description of the transaction context',
    },
  ]),
  interactionTypeUsed: 'confirmationMessage',
  initialCallbackUrl:
    'https://rp.example.com/callback-url?value=RrKjjT4aggzu27YBddX1bQ',
  flowType: 'Web2App',
}
const EXAMPLE_DIGEST =
  'pKOjbNl/5Fy8NfrFqsj6pSn8W8O+Ik8rM33QSsbyD3J9qDJvEm90SboUciuY4wHGWa0Pnq8BgT3NJKmJiUDfKg=='

const sha512 = (data: Buffer) =>
  createHash('sha512').update(data).digest('base64')

describe('the ACSP_V2 payload', () => {
  it('hashes to the digest of the documented example', () => {
    expect(sha512(acspV2Payload(EXAMPLE))).toBe(EXAMPLE_DIGEST)
  })

  it('keeps the separators of an empty broker name and callback URL', () => {
    const payload = acspV2Payload({
      ...EXAMPLE,
      brokeredRpName: undefined,
      initialCallbackUrl: undefined,
      flowType: 'Notification',
    }).toString('utf8')
    const parts = payload.split('|')
    expect(parts).toHaveLength(11)
    expect(parts.slice(0, 2)).toEqual(['smart-id', 'ACSP_V2'])
    expect(parts[5]).toBe('REVNTw==')
    expect(parts[6]).toBe('')
    expect(parts[9]).toBe('')
    expect(parts[10]).toBe('Notification')
  })

  it('changes with any field the portal sent', () => {
    const base = sha512(acspV2Payload(EXAMPLE))
    expect(sha512(acspV2Payload({ ...EXAMPLE, rpChallenge: 'AAAA' }))).not.toBe(
      base,
    )
    expect(
      sha512(acspV2Payload({ ...EXAMPLE, relyingPartyName: 'OTHER' })),
    ).not.toBe(base)
    expect(
      sha512(acspV2Payload({ ...EXAMPLE, interactions: 'W10=' })),
    ).not.toBe(base)
  })
})
