/** A sandbox identity as `GET /api/sandbox/identities` lists it. */
export interface SandboxIdentity {
  personalCode: string
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
 * Signs in as a sandbox resident outside the browser and returns a way to
 * read the portal API as them, to know what a page should show.
 */
export async function sandboxCitizen(origin: string, personalCode: string) {
  const response = await fetch(`${origin}/api/sandbox/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ personalCode }),
  })
  if (!response.ok) {
    throw new Error(`Sandbox sign-in as ${personalCode}: ${response.status}`)
  }
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ')

  return {
    /** `GET /api<path>` as this citizen; throws unless it answers 200. */
    async get<T>(path: string): Promise<T> {
      const answer = await fetch(`${origin}/api${path}`, {
        headers: { Cookie: cookie },
      })
      if (!answer.ok) throw new Error(`GET ${path}: ${answer.status}`)
      return (await answer.json()) as T
    },
  }
}
