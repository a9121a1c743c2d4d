import axios, { AxiosError, type AxiosInstance } from 'axios'

/** How long the portal waits for its own server before giving up. */
export const REQUEST_TIMEOUT_MS = 20_000

/**
 * The portal's one HTTP client. Every call goes to the portal's own origin
 * under `/api`, so the session cookie and the `Origin` header the server
 * checks are sent by the browser without extra settings. Service modules
 * use this instance; they never create their own.
 */
export const http: AxiosInstance = axios.create({
  baseURL: '/api',
  timeout: REQUEST_TIMEOUT_MS,
  headers: { Accept: 'application/json' },
})

/** Hooks the shell uses to follow the health of API calls. */
export interface HttpObserver {
  /** The server answered (any status with a JSON body). */
  reachable?(): void
  /** No answer: offline, timed out, or a gateway answered for the server. */
  unreachable?(): void
  /** The server says the citizen is not signed in (anymore). */
  signInRequired?(): void
  /** The session ends after this many seconds without activity. */
  sessionIdleExpiresIn?(seconds: number): void
}

/** The server's count of seconds before an idle session ends. */
const IDLE_HEADER = 'x-session-idle-expires-in'

const observers = new Set<HttpObserver>()

/** Starts following API calls; returns a function that stops it. */
export function observeHttp(observer: HttpObserver): () => void {
  observers.add(observer)
  return () => observers.delete(observer)
}

type SimpleEvent = 'reachable' | 'unreachable' | 'signInRequired'

function notify(event: SimpleEvent): void {
  for (const observer of observers) observer[event]?.()
}

function notifyIdle(headers: Record<string, unknown>): void {
  const value = headers[IDLE_HEADER]
  const seconds = typeof value === 'string' ? Number(value) : NaN
  if (!Number.isInteger(seconds) || seconds < 0) return
  for (const observer of observers) observer.sessionIdleExpiresIn?.(seconds)
}

function isJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.includes('json')
}

/** True when the failure means the portal's server was not reached. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof AxiosError)) return false
  if (!error.response) return true
  const { status, headers } = error.response
  return status >= 502 && status <= 504 && !isJson(headers['content-type'])
}

http.interceptors.response.use(
  (response) => {
    // A page instead of JSON means something other than the API answered.
    if (response.status !== 204 && !isJson(response.headers['content-type'])) {
      notify('unreachable')
      throw new AxiosError(
        'The answer was not JSON.',
        AxiosError.ERR_BAD_RESPONSE,
        response.config,
        response.request,
        response,
      )
    }
    notify('reachable')
    notifyIdle(response.headers)
    return response
  },
  (error: unknown) => {
    if (isUnreachable(error)) {
      notify('unreachable')
    } else if (error instanceof AxiosError && error.response) {
      notify('reachable')
      notifyIdle(error.response.headers)
      if (error.response.status === 401) notify('signInRequired')
    }
    return Promise.reject(error)
  },
)
