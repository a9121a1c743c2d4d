import type { FastifyInstance } from 'fastify'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import { portalError } from '../errors.ts'
import { userSchema, userView } from './session.ts'

/** A sandbox resident one may act as during development. */
export interface SandboxIdentity {
  personalCode: string
  name: string
  note: string
}

/** What the development sign-in needs from the sandbox. */
export interface SandboxDirectory {
  find(
    personalCode: string,
  ): Promise<{ givenName: string; familyName: string } | undefined>
  demo(): SandboxIdentity[]
}

/**
 * Development-only sign-in as a sandbox resident. Registered only when
 * SANDBOX=on; real sign-in (Mobile-ID, Smart-ID, ID-card) replaces it.
 */
export async function sandboxSignInRoutes(
  app: FastifyInstance,
  options: { directory: SandboxDirectory },
): Promise<void> {
  app.get(
    '/api/sandbox/identities',
    {
      config: { publicData: true },
      schema: {
        summary: 'Sandbox residents to act as (sandbox only)',
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

  app.post<{ Body: { personalCode: string } }>(
    '/api/sandbox/sign-in',
    {
      schema: {
        summary: 'Acts as a sandbox resident (sandbox only)',
        tags: ['sandbox'],
        body: {
          type: 'object',
          required: ['personalCode'],
          additionalProperties: false,
          properties: { personalCode: { type: 'string', maxLength: 11 } },
        },
        response: {
          200: { type: 'object', properties: { user: userSchema } },
        },
      },
    },
    async (request, reply) => {
      const { personalCode } = request.body
      if (!isValidPersonalCode(personalCode)) {
        throw portalError('VALIDATION_FAILED', {
          details: [
            { field: 'personalCode', problem: 'not a valid personal code' },
          ],
        })
      }
      const resident = await options.directory.find(personalCode)
      if (!resident) throw portalError('NOT_FOUND')

      const citizen = await app.signIn(request, reply, {
        personalCode,
        givenName: resident.givenName,
        familyName: resident.familyName,
        method: 'sandbox',
        assurance: 'high',
      })
      return { user: userView(citizen) }
    },
  )
}
