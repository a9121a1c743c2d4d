import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.ts'
import { sessionCookieName } from '../../server/session/sessionPlugin.ts'
import { SessionStore } from '../../server/session/sessionStore.ts'

/** Who a test session belongs to. */
export interface TestCitizen {
  personalCode: string
  givenName: string
  familyName: string
}

/**
 * A session for a citizen made by the portal's own SessionStore, for
 * inject-based tests that need someone signed in but test no sign-in
 * method (those sign in through Mobile-ID, Smart-ID or ID-card). Returns
 * the cookies a browser would send; `clock` must be the app's clock.
 */
export async function citizenSession(
  db: Kysely<Database>,
  citizen: TestCitizen,
  options: { clock?: () => Date; secure?: boolean } = {},
): Promise<Record<string, string>> {
  const store = new SessionStore(db, options.clock)
  const { id } = await store.create({
    personalCode: citizen.personalCode,
    givenName: citizen.givenName,
    familyName: citizen.familyName,
    method: 'mobile-id',
    assurance: 'high',
  })
  return { [sessionCookieName(options.secure ?? false)]: id }
}
