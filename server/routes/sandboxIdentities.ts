import type { FastifyInstance } from 'fastify'

/** A sandbox resident the sign-in page offers to fill its form with. */
export interface SandboxIdentity {
  personalCode: string
  /** Their own Mobile-ID number in the sandbox. */
  phoneNumber: string
  name: string
  note: string
}

/** What the sign-in page's list of demo residents needs from the sandbox. */
export interface SandboxDirectory {
  demo(): SandboxIdentity[]
}

/**
 * Lists the sandbox's demo residents, each with their own Mobile-ID number,
 * so a developer can sign in as one through the sandbox Mobile-ID service.
 * Registered only when SANDBOX=on; it signs nobody in itself.
 */
export async function sandboxIdentityRoutes(
  app: FastifyInstance,
  options: { directory: SandboxDirectory },
): Promise<void> {
  app.get(
    '/api/sandbox/identities',
    {
      config: { publicData: true },
      schema: {
        summary: 'Sandbox residents to sign in as (sandbox only)',
        tags: ['sandbox'],
        response: {
          200: {
            type: 'object',
            properties: {
              identities: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    personalCode: { type: 'string' },
                    phoneNumber: { type: 'string' },
                    name: { type: 'string' },
                    note: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => ({ identities: options.directory.demo() }),
  )
}
