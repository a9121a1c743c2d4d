import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
} from 'fastify'
import { startOfDay } from '../population/dates.ts'
import type { UsageRecorder } from '../../providers/usage-log/recorder.ts'
import { finnishIncomeOf } from './finnishIncome.ts'

const euros = { type: 'number', description: 'Euros, two decimals.' } as const

/** The OpenAPI description of the stub income service. */
export const INCOME_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Verohallinto: earned income (sandbox stub)',
    version: '2',
  },
  paths: {
    '/{personalCode}': {
      get: {
        summary: 'Earned income taxed in Finland in one year',
        parameters: [
          {
            name: 'personalCode',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
          {
            name: 'year',
            in: 'query',
            required: true,
            schema: { type: 'integer' },
          },
        ],
        responses: {
          '200': {
            description:
              'The income by payer and the totals; an empty list and ' +
              'zero totals for someone with no income in Finland',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Income' },
              },
            },
          },
          '400': { description: 'No year, or a malformed code' },
        },
      },
    },
  },
  components: {
    schemas: {
      Income: {
        type: 'object',
        required: [
          'personalCode',
          'year',
          'currency',
          'incomes',
          'earnedIncome',
          'taxWithheld',
        ],
        properties: {
          personalCode: { type: 'string' },
          year: { type: 'integer' },
          currency: { type: 'string', enum: ['EUR'] },
          incomes: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'payer',
                'type',
                'months',
                'grossIncome',
                'taxWithheld',
              ],
              properties: {
                payer: {
                  type: 'object',
                  required: ['businessId', 'name'],
                  properties: {
                    businessId: { type: 'string', example: '3012456-6' },
                    name: { type: 'string' },
                  },
                },
                type: { type: 'string', enum: ['salary'] },
                months: { type: 'integer' },
                grossIncome: euros,
                taxWithheld: euros,
              },
            },
          },
          earnedIncome: euros,
          taxWithheld: euros,
        },
      },
    },
  },
} as const

const CODE = /^[A-Za-z0-9+-]{6,20}$/

/**
 * A stub of the Finnish Tax Administration's (Verohallinto) income
 * service: `GET /{personalCode}?year=YYYY` answers the earned income an
 * Estonian resident was paid in Finland that year, by payer, with the
 * totals. About one resident in twenty works in Finland; everyone else
 * gets an empty list and zero totals. Deterministic for a code and a year.
 * `today` (default: now) bounds the years that have income. With
 * `recordUsage`, each answer is first recorded in Verohallinto's usage log
 * as `income.read`.
 *
 * Limitation: a stub, not a register: it knows Estonian personal codes
 * only, and the figures are synthetic.
 */
export function buildIncomeProvider(
  log: FastifyBaseLogger,
  options: { today?: Date; recordUsage?: UsageRecorder } = {},
): FastifyInstance {
  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
  })
  app.get('/openapi.json', async () => INCOME_OPENAPI)
  app.get('/:personalCode', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const { personalCode } = request.params as { personalCode: string }
    const year = Number((request.query as { year?: string }).year)
    if (!CODE.test(personalCode) || !Number.isInteger(year) || year < 1900) {
      return reply.code(400).send({
        error: {
          code: 'BAD_REQUEST',
          message: 'Expected /{personalCode}?year=YYYY.',
        },
      })
    }
    await options.recordUsage?.(request, personalCode, 'income.read')
    const today = startOfDay(options.today ?? new Date())
    const incomes = finnishIncomeOf(personalCode, year, today)
    const total = (pick: (i: (typeof incomes)[number]) => number) =>
      Math.round(incomes.reduce((sum, i) => sum + pick(i) * 100, 0)) / 100
    return {
      personalCode,
      year,
      currency: 'EUR',
      incomes,
      earnedIncome: total((i) => i.grossIncome),
      taxWithheld: total((i) => i.taxWithheld),
    }
  })
  return app
}
