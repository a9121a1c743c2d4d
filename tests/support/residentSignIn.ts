/*
 * Signing a sandbox resident in the way a browser does, over any HTTP
 * client that keeps its own cookies: start a Mobile-ID (or Smart-ID)
 * sign-in, then poll it until the provider has answered. No vitest here,
 * so the bench signs its citizens in with it too.
 */

/** The JSON API of a portal as one browser sees it, cookies and all. */
export interface PortalClient {
  /** Sends JSON (or nothing) to a portal path; its status and JSON body. */
  send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: object,
  ): Promise<{ status: number; body: unknown }>
}

/** A completed or running sign-in poll's body. */
export interface Completion {
  state: string
  result?: string
  user?: { personalCode: string; givenName: string; method: string }
}

/** Where Mobile-ID sign-in starts. */
export const MOBILE_ID_PATH = '/api/auth/mobile-id'

/**
 * More polls than any sign-in needs: each poll waits on the server for up
 * to a second, and the sandbox confirms after its delay.
 */
const MAX_POLLS = 60

/** Starts a sign-in at `path` (e.g. `/api/auth/smart-id`); its id and code. */
export async function startPhoneSignIn(
  client: PortalClient,
  path: string,
  body: object,
): Promise<{ id: string; verificationCode: string }> {
  const { status, body: answer } = await client.send('POST', path, body)
  if (status !== 200) {
    throw new Error(
      `POST ${path} answered ${status}: ${JSON.stringify(answer)}`,
    )
  }
  return answer as { id: string; verificationCode: string }
}

/** Polls a sign-in until it completes; its last body. */
export async function pollPhoneSignIn(
  client: PortalClient,
  path: string,
  id: string,
): Promise<Completion> {
  for (let i = 0; i < MAX_POLLS; i++) {
    const { status, body } = await client.send('GET', `${path}/${id}`)
    if (status !== 200) {
      throw new Error(
        `GET ${path}/{id} answered ${status}: ${JSON.stringify(body)}`,
      )
    }
    const completion = body as Completion
    if (completion.state === 'COMPLETE') return completion
  }
  throw new Error(`The sign-in at ${path} never completed`)
}

/**
 * Signs a sandbox resident in through the sandbox Mobile-ID service with
 * their own number and personal code; the client then holds the session
 * cookie. Throws unless the sign-in ends OK.
 */
export async function signInWithMobileId(
  client: PortalClient,
  resident: { phoneNumber: string; personalCode: string },
): Promise<Completion> {
  const started = await startPhoneSignIn(client, MOBILE_ID_PATH, {
    phoneNumber: resident.phoneNumber,
    personalCode: resident.personalCode,
  })
  const completion = await pollPhoneSignIn(client, MOBILE_ID_PATH, started.id)
  if (completion.result !== 'OK') {
    throw new Error(
      `Mobile-ID sign-in of ${resident.phoneNumber} ended ${completion.result}`,
    )
  }
  return completion
}

/** A PortalClient over fetch with a cookie jar of its own. */
export interface FetchClient extends PortalClient {
  /** The jar's cookies as a `Cookie` header. */
  cookieHeader(): string
}

/**
 * A browser-like client of the portal at `base` (e.g. the address it
 * listens on) that sends `origin` (its PUBLIC_ORIGIN) on every request and
 * keeps the cookies the portal sets, forgetting those it clears; `cookies`
 * are in the jar from the start (e.g. a session made by citizenSession).
 */
export function fetchClient(
  base: string,
  origin = base,
  cookies: Record<string, string> = {},
): FetchClient {
  const jar = new Map<string, string>(Object.entries(cookies))
  const cookieHeader = () =>
    [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

  return {
    cookieHeader,
    async send(method, path, body) {
      const headers: Record<string, string> = { Origin: origin }
      if (jar.size > 0) headers.Cookie = cookieHeader()
      if (body) headers['Content-Type'] = 'application/json'
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      })
      for (const header of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = header.split(';')
        const name = pair.slice(0, pair.indexOf('=')).trim()
        const value = pair.slice(pair.indexOf('=') + 1).trim()
        const cleared = attributes.some((a) =>
          /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a),
        )
        if (value === '' || cleared) jar.delete(name)
        else jar.set(name, value)
      }
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : null }
    },
  }
}
