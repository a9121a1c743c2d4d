import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TEST_ORIGIN } from './testApp.ts'

/** A browser's cookies by name. */
export type Cookies = Record<string, string>

/** The cookies after a response: the previous ones plus those it set. */
export function cookiesOf(
  response: { cookies: { name: string; value: string }[] },
  previous: Cookies = {},
): Cookies {
  const next = { ...previous }
  for (const c of response.cookies) next[c.name] = c.value
  return next
}

/** A completed or running sign-in poll's body. */
export interface Completion {
  state: string
  result?: string
  user?: { personalCode: string; givenName: string; method: string }
}

/**
 * Starts a Mobile-ID or Smart-ID sign-in (`path` is e.g.
 * `/api/auth/smart-id`) from a browser with these cookies.
 */
export async function startSignIn(
  app: FastifyInstance,
  path: string,
  body: object,
  cookies: Cookies = {},
  remoteAddress = '127.0.0.1',
) {
  const response = await app.inject({
    method: 'POST',
    url: path,
    headers: { origin: TEST_ORIGIN },
    cookies,
    payload: body,
    remoteAddress,
  })
  return {
    response,
    id: response.json<{ id: string }>().id,
    code: response.json<{ verificationCode: string }>().verificationCode,
    cookies: cookiesOf(response, cookies),
  }
}

/** Polls a sign-in until it completes; its last body and the cookies. */
export async function pollToEnd(
  app: FastifyInstance,
  path: string,
  id: string,
  cookies: Cookies,
) {
  for (let i = 0; i < 50; i++) {
    const response = await app.inject({
      method: 'GET',
      url: `${path}/${id}`,
      cookies,
    })
    expect(response.statusCode).toBe(200)
    const body = response.json<Completion>()
    if (body.state === 'COMPLETE') {
      return { body, cookies: cookiesOf(response, cookies) }
    }
  }
  throw new Error('the sign-in never completed')
}

/** Listens on a free loopback port; the server's origin. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return `http://127.0.0.1:${port}`
}
