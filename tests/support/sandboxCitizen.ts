import { fetchClient, signInWithMobileId } from './residentSignIn.ts'

/** A sandbox identity as `GET /api/sandbox/identities` lists it. */
export interface SandboxIdentity {
  personalCode: string
  /** Their own number at the sandbox Mobile-ID service. */
  phoneNumber: string
  name: string
  note: string
}

/** The sandbox's demo identities, each with a note on what it shows. */
export async function sandboxIdentities(
  origin: string,
): Promise<SandboxIdentity[]> {
  const response = await fetch(`${origin}/api/sandbox/identities`)
  const body = (await response.json()) as { identities: SandboxIdentity[] }
  return body.identities
}

/** The identity whose note matches, or a failure naming what was there. */
export function identityWithNote(
  identities: readonly SandboxIdentity[],
  note: RegExp,
): SandboxIdentity {
  const found = identities.find((identity) => note.test(identity.note))
  if (!found) {
    const notes = identities.map((identity) => identity.note).join('; ')
    throw new Error(`No sandbox identity's note matches ${note}: ${notes}`)
  }
  return found
}

/**
 * Signs a sandbox resident in outside the browser, through the sandbox
 * Mobile-ID service with their own number, and returns a way to read the
 * portal API as them, to know what a page should show.
 */
export async function sandboxCitizen(
  origin: string,
  resident: { phoneNumber: string; personalCode: string },
) {
  const client = fetchClient(origin)
  await signInWithMobileId(client, resident)

  return {
    /** `GET /api<path>` as this citizen; throws unless it answers 200. */
    async get<T>(path: string): Promise<T> {
      const answer = await client.send('GET', `/api${path}`)
      if (answer.status !== 200) {
        throw new Error(`GET ${path}: ${answer.status}`)
      }
      return answer.body as T
    },
  }
}
