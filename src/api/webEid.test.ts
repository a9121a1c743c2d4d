import { afterEach, describe, expect, it } from 'vitest'
import { requestWebEidToken, WebEidError } from './webEid'

const token = {
  unverifiedCertificate: 'MIIB',
  algorithm: 'ES384',
  signature: 'AAAA',
  format: 'web-eid:1.0',
  appVersion: 'https://web-eid.eu/web-eid-app/releases/2.5.0',
}

type Reply = (request: Record<string, unknown>) => Record<string, unknown>[]

/** A stand-in for the extension's content script in this window. */
function extension(reply: Reply): () => Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = []
  const listener = (event: MessageEvent) => {
    const data = event.data as Record<string, unknown>
    if (data.action !== 'web-eid:authenticate') return
    seen.push(data)
    for (const answer of reply(data)) {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: answer,
          source: window,
          origin: window.location.origin,
        }),
      )
    }
  }
  window.addEventListener('message', listener)
  cleanups.push(() => window.removeEventListener('message', listener))
  return () => seen
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('the Web eID extension protocol', () => {
  it('sends the nonce and resolves with the token the extension gives', async () => {
    const seen = extension(() => [
      { action: 'web-eid:authenticate-ack' },
      { action: 'web-eid:authenticate-success', ...token },
    ])
    const answer = await requestWebEidToken('n'.repeat(44), { lang: 'et' })
    expect(answer).toEqual(token)
    expect(seen()[0]).toMatchObject({
      challengeNonce: 'n'.repeat(44),
      options: { lang: 'et' },
    })
  })

  it('rejects with the extension’s error code', async () => {
    extension(() => [
      { action: 'web-eid:authenticate-ack' },
      {
        action: 'web-eid:authenticate-failure',
        error: { code: 'ERR_WEBEID_USER_CANCELLED', message: 'cancelled' },
      },
    ])
    await expect(requestWebEidToken('n')).rejects.toEqual(
      new WebEidError('ERR_WEBEID_USER_CANCELLED'),
    )
  })

  it('says the extension is unavailable when nothing acknowledges', async () => {
    const error = await requestWebEidToken('n', { ackTimeoutMs: 20 }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(WebEidError)
    expect((error as WebEidError).code).toBe('ERR_WEBEID_EXTENSION_UNAVAILABLE')
  })

  it('ignores answers that do not come from this window’s origin', async () => {
    const listener = (event: MessageEvent) => {
      if ((event.data as { action?: string }).action !== 'web-eid:authenticate')
        return
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { action: 'web-eid:authenticate-success', ...token },
          source: window,
          origin: 'https://evil.example',
        }),
      )
    }
    window.addEventListener('message', listener)
    cleanups.push(() => window.removeEventListener('message', listener))
    const error = await requestWebEidToken('n', { ackTimeoutMs: 50 }).catch(
      (e: unknown) => e,
    )
    expect((error as WebEidError).code).toBe('ERR_WEBEID_EXTENSION_UNAVAILABLE')
  })
})
