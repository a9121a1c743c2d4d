import type { FastifyInstance } from 'fastify'
import type { Citizen } from '../session/sessionStore.ts'

/** JSON schema of the signed-in citizen, or null. */
export const userSchema = {
  type: ['object', 'null'],
  properties: {
    personalCode: { type: 'string' },
    givenName: { type: 'string' },
    familyName: { type: 'string' },
    method: { type: 'string' },
    assurance: { type: 'string' },
    idleExpiresAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const

const userResponse = {
  200: {
    type: 'object',
    required: ['user'],
    properties: { user: userSchema },
  },
}

/** The citizen as the API shows them. */
export function userView(citizen: Citizen | null) {
  if (!citizen) return null
  return {
    ...citizen,
    idleExpiresAt: citizen.idleExpiresAt.toISOString(),
    expiresAt: citizen.expiresAt.toISOString(),
  }
}

/** `GET`/`DELETE /api/session` and `POST /api/session/extend`. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/session',
    {
      schema: {
        summary: 'The signed-in citizen, or null',
        tags: ['session'],
        response: userResponse,
      },
    },
    async (request) => ({ user: userView(request.citizen) }),
  )

  app.post(
    '/api/session/extend',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'Keeps the session after the idle warning',
        tags: ['session'],
        response: userResponse,
      },
    },
    async (request) => ({ user: userView(request.citizen) }),
  )

  app.delete(
    '/api/session',
    {
      schema: {
        summary: 'Signs out: revokes the session on the server',
        tags: ['session'],
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await app.signOut(request, reply)
      return reply.status(204).send()
    },
  )
}
