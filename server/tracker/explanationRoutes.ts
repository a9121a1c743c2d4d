import { explanationRequestProperties } from '../../common/tracker/explanationRequest.ts'
import type { FastifyInstance } from 'fastify'
import { errorBodySchema, portalError } from '../errors.ts'
import type { Gateway } from '../xroad/gateway.ts'

/** What asking a register to explain an access needs. */
export interface ExplanationOptions {
  gateway: Gateway
  /** The registers' findUsage services (TRACKER_REGISTERS). */
  registers: readonly string[]
}

/** `X-Road-Issue` of the citizen's requests for an explanation. */
export const EXPLAIN_ISSUE = 'DATA_TRACKER_EXPLAIN'

/**
 * A register's "explain an access" service sits beside its findUsage
 * service in the same subsystem, as `explainUsage`.
 */
export function explainServiceOf(findUsageService: string): string {
  return findUsageService.replace(/\/findUsage$/, '/explainUsage')
}

const explanationSchema = {
  type: 'object',
  required: ['register', 'id', 'state', 'usage', 'createdAt', 'updatedAt'],
  properties: {
    register: { type: 'string' },
    id: { type: 'string' },
    state: {
      type: 'string',
      enum: ['received', 'in-progress', 'answered', 'refused'],
    },
    usage: { type: 'object', additionalProperties: true },
    question: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    answer: { type: 'string' },
  },
} as const

interface ExplanationBody {
  id: string
  register: string
  usage: Record<string, string>
  question?: string
  language: 'et' | 'en' | 'ru'
}

type Explanation = Record<string, unknown> & {
  id: string
  state: string
  createdAt: string
}

function isExplanation(value: unknown): value is Explanation {
  const v = value as Record<string, unknown>
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    ['received', 'in-progress', 'answered', 'refused'].includes(
      v.state as string,
    ) &&
    typeof v.usage === 'object' &&
    typeof v.createdAt === 'string' &&
    typeof v.updatedAt === 'string'
  )
}

/**
 * `POST /api/tracker/explanations` asks the register that logged a use of
 * the citizen's data to explain it; `GET /api/tracker/explanations` lists
 * the citizen's requests in every register, each with its state and, once
 * the register answered, its answer. Both go over X-Road as the citizen.
 */
export async function explanationRoutes(
  app: FastifyInstance,
  options: ExplanationOptions,
): Promise<void> {
  const { gateway } = options

  app.post<{ Body: ExplanationBody }>(
    '/api/tracker/explanations',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'Asks a register to explain one use of the citizen’s data',
        tags: ['tracker'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'register', 'usage', 'language'],
          properties: {
            ...explanationRequestProperties,
            register: { type: 'string', maxLength: 300 },
          },
        },
        response: {
          201: explanationSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          409: errorBodySchema,
          502: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const citizen = request.citizen!
      const { register, ...body } = request.body
      if (!options.registers.includes(register))
        throw portalError('REGISTER_UNKNOWN')
      const response = await gateway.send({
        service: explainServiceOf(register),
        method: 'POST',
        path: '/requests',
        body,
        userId: `EE${citizen.personalCode}`,
        issue: EXPLAIN_ISSUE,
      })
      if (response.status === 409) throw portalError('EXPLANATION_ID_TAKEN')
      if (response.status !== 201 || !isExplanation(response.body)) {
        throw portalError('REGISTER_REFUSED')
      }
      return reply.code(201).send({ register, ...response.body })
    },
  )

  app.get(
    '/api/tracker/explanations',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary: 'The citizen’s requests for explanations, in every register',
        tags: ['tracker'],
        response: {
          200: {
            type: 'object',
            required: ['explanations', 'failedRegisters'],
            properties: {
              explanations: { type: 'array', items: explanationSchema },
              failedRegisters: { type: 'array', items: { type: 'string' } },
            },
          },
          401: errorBodySchema,
        },
      },
    },
    async (request) => {
      const citizen = request.citizen!
      const failedRegisters: string[] = []
      const lists = await Promise.all(
        options.registers.map(async (register) => {
          try {
            const response = await gateway.send<{ requests?: unknown }>({
              service: explainServiceOf(register),
              method: 'GET',
              path: '/requests',
              userId: `EE${citizen.personalCode}`,
              issue: EXPLAIN_ISSUE,
            })
            const requests = response.body?.requests
            if (response.status !== 200 || !Array.isArray(requests)) {
              throw new Error('not a list of requests')
            }
            return requests
              .filter(isExplanation)
              .map((r) => ({ register, ...r }))
          } catch {
            // One register down must not hide the others' answers.
            failedRegisters.push(register)
            return []
          }
        }),
      )
      const explanations = lists
        .flat()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      return { explanations, failedRegisters }
    },
  )
}
