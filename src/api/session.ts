import type { AssuranceLevel } from '@common/catalog/manifest'
import { http } from './http'

/** The signed-in citizen as `GET /api/session` describes them. */
export interface SessionUser {
  personalCode: string
  givenName: string
  familyName: string
  /** How they signed in, e.g. `mobile-id`, `smart-id`, `id-card`, `sandbox`. */
  method: string
  assurance: AssuranceLevel
  /** ISO time when the session ends unless used or extended. */
  idleExpiresAt: string
  /** ISO time when the session ends whatever happens. */
  expiresAt: string
}

/** The `user` of an API answer, or null when it has none. */
export function readUser(value: unknown): SessionUser | null {
  const user = (value as { user?: Partial<SessionUser> } | null)?.user
  if (!user || typeof user !== 'object') return null
  return typeof user.personalCode === 'string' &&
    typeof user.givenName === 'string' &&
    typeof user.familyName === 'string'
    ? (user as SessionUser)
    : null
}

/** The current session's citizen, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionUser | null> {
  const { data } = await http.get<unknown>('/session')
  return readUser(data)
}

/** Keeps the session alive; answers the idle warning. */
export async function extendSession(): Promise<SessionUser | null> {
  const { data } = await http.post<unknown>('/session/extend')
  return readUser(data)
}

/** Signs out on the server (the session is revoked there). */
export async function deleteSession(): Promise<void> {
  await http.delete('/session')
}

/** A synthetic resident the development sandbox lets you act as. */
export interface SandboxIdentity {
  personalCode: string
  name: string
  note: string
}

/**
 * The sandbox's test identities. Answers 404 (NOT_FOUND) when the sandbox
 * is off, which the sign-in page shows as "not available yet".
 */
export async function fetchSandboxIdentities(): Promise<SandboxIdentity[]> {
  const { data } = await http.get<{ identities?: SandboxIdentity[] }>(
    '/sandbox/identities',
  )
  return Array.isArray(data.identities) ? data.identities : []
}

/** Signs in as a sandbox identity; the server sets the session cookie. */
export async function sandboxSignIn(
  personalCode: string,
): Promise<SessionUser | null> {
  const { data } = await http.post<unknown>('/sandbox/sign-in', {
    personalCode,
  })
  return readUser(data)
}
