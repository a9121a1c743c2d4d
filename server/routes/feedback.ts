import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { LANGUAGES } from '../../common/catalog/manifest.ts'
import type { Database } from '../db/schema.ts'

interface FeedbackBody {
  page: string
  message: string
  contact?: string
  language: string
}

/**
 * `POST /api/feedback`: accessibility feedback from the statement page. It is
 * stored for the operator and logged (without the text or contact).
 */
export async function feedbackRoutes(
  app: FastifyInstance,
  options: { db: Kysely<Database> },
): Promise<void> {
  app.post<{ Body: FeedbackBody }>(
    '/api/feedback',
    {
      schema: {
        summary: 'Sends accessibility feedback to the operator',
        tags: ['feedback'],
        body: {
          type: 'object',
          required: ['page', 'message', 'language'],
          additionalProperties: false,
          properties: {
            page: { type: 'string', minLength: 1, maxLength: 300 },
            message: {
              type: 'string',
              minLength: 1,
              maxLength: 5000,
              pattern: '\\S',
            },
            contact: { type: 'string', maxLength: 300 },
            language: { type: 'string', enum: [...LANGUAGES] },
          },
        },
        response: {
          201: {
            type: 'object',
            properties: { id: { type: 'integer' } },
          },
        },
      },
    },
    async (request, reply) => {
      const { page, message, contact, language } = request.body
      const row = await options.db
        .insertInto('feedback')
        .values({
          page,
          message: message.trim(),
          contact: contact?.trim() || null,
          language,
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      request.log.info(
        { feedbackId: row.id },
        'accessibility feedback received',
      )
      return reply.status(201).send({ id: row.id })
    },
  )
}
