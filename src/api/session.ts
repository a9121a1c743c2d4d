import type { AssuranceLevel } from '@common/catalog/manifest'
import { http } from './http'

/** The signed-in citizen as `GET /api/session` describes them. */
export interface SessionUser {
  personalCode: string
  givenName: string
  familyName: string
  /** How they signed in: `mobile-id`, `smart-id` or `id-card`. */
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

/** A synthetic resident of the development sandbox, to sign in as. */
export interface SandboxIdentity {
  personalCode: string
  /** Their own number at the sandbox Mobile-ID service. */
  phoneNumber: string
  name: string
  note: string
}

/**
 * The sandbox's demo residents, whose details the sign-in page offers to
 * fill in. Answers 404 (NOT_FOUND) when the sandbox is off.
 */
export async function fetchSandboxIdentities(): Promise<SandboxIdentity[]> {
  const { data } = await http.get<{ identities?: SandboxIdentity[] }>(
    '/sandbox/identities',
  )
  return Array.isArray(data.identities) ? data.identities : []
}
