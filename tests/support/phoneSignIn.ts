import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import {
  pollPhoneSignIn,
  type Completion,
  type PortalClient,
} from './residentSignIn.ts'
import { TEST_ORIGIN } from './testApp.ts'

export type { Completion } from './residentSignIn.ts'

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

/**
 * A browser of an app under `inject`: sends the cookies in `jar` and keeps
 * there the cookies each answer sets.
 */
export function injectClient(app: FastifyInstance, jar: Cookies): PortalClient {
  return {
    async send(method, url, payload) {
      const response = await app.inject({
        method,
        url,
        headers: method === 'GET' ? {} : { origin: TEST_ORIGIN },
        cookies: jar,
        payload,
      })
      Object.assign(jar, cookiesOf(response))
      return { status: response.statusCode, body: response.json() }
    },
  }
}

/** Polls a sign-in until it completes; its last body and the cookies. */
export async function pollToEnd(
  app: FastifyInstance,
  path: string,
  id: string,
  cookies: Cookies,
): Promise<{ body: Completion; cookies: Cookies }> {
  const jar = { ...cookies }
  const body = await pollPhoneSignIn(injectClient(app, jar), path, id)
  return { body, cookies: jar }
}

/** Listens on a free loopback port; the server's origin. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return `http://127.0.0.1:${port}`
}

/**
 * Checks a completed sign-in of a demo identity: OK signs the person in
 * by `method`, any other result signs nobody in.
 */
export function expectDemoOutcome(
  body: Completion,
  demo: { result: string; personalCode: string },
  method: string,
): void {
  expect(body.result).toBe(demo.result)
  if (demo.result === 'OK') {
    expect(body.user?.personalCode).toBe(demo.personalCode)
    expect(body.user?.method).toBe(method)
  } else {
    expect(body.user).toBeUndefined()
  }
}

/**
 * Checks that a sign-in replaced the browser's session: a new session id,
 * the old one signed out, the new one naming the citizen.
 */
export async function expectNewSession(
  app: FastifyInstance,
  before: string | undefined,
  after: string | undefined,
  personalCode: string,
): Promise<void> {
  expect(before).toBeTruthy()
  expect(after).toBeTruthy()
  expect(after).not.toBe(before)
  const old = await app.inject({
    url: '/api/session',
    cookies: { portal_session: before ?? '' },
  })
  expect(old.json()).toEqual({ user: null })
  const current = await app.inject({
    url: '/api/session',
    cookies: { portal_session: after ?? '' },
  })
  expect(current.json().user.personalCode).toBe(personalCode)
}

/** Cancels a sign-in and checks that it is unknown afterwards. */
export async function expectCancelForgets(
  app: FastifyInstance,
  path: string,
  started: { id: string; cookies: Cookies },
): Promise<void> {
  const cancel = await app.inject({
    method: 'DELETE',
    url: `${path}/${started.id}`,
    headers: { origin: TEST_ORIGIN },
    cookies: started.cookies,
  })
  expect(cancel.statusCode).toBe(204)
  const poll = await app.inject({
    url: `${path}/${started.id}`,
    cookies: started.cookies,
  })
  expect(poll.statusCode).toBe(404)
}

/**
 * Checks that a sign-in is unknown without the browser's pre-sign-in
 * cookie and from another browser that started its own.
 */
export async function expectUnknownElsewhere(
  app: FastifyInstance,
  path: string,
  started: { id: string; cookies: Cookies },
  other: { cookies: Cookies },
): Promise<void> {
  const foreign = await app.inject({ url: `${path}/${started.id}` })
  expect(foreign.statusCode).toBe(404)
  expect(other.cookies.portal_pre_sign_in).not.toBe(
    started.cookies.portal_pre_sign_in,
  )
  const crossed = await app.inject({
    url: `${path}/${started.id}`,
    cookies: other.cookies,
  })
  expect(crossed.statusCode).toBe(404)
  expect(crossed.json().error.code).toBe('NOT_FOUND')
}
