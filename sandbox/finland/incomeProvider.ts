import { createHash } from 'node:crypto'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
} from 'fastify'
import type { UsageRecorder } from '../usage/recorder.ts'

/** The OpenAPI description of the stub income service. */
export const INCOME_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Verohallinto: earned income (sandbox stub)',
    version: '1',
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
          '200': { description: 'The income and the tax withheld' },
          '400': { description: 'No year, or a malformed code' },
        },
      },
    },
  },
} as const

const CODE = /^[A-Za-z0-9+-]{6,20}$/

/** Euro cents, derived from the code and year, the same on every run. */
function amountCents(personalCode: string, year: number): number {
  const digest = createHash('sha256').update(`${personalCode}/${year}`).digest()
  return 1_000_000 + (digest.readUInt32BE(0) % 5_000_000)
}

/**
 * A stub of the Finnish Tax Administration's (Verohallinto) income
 * service: `GET /{personalCode}?year=YYYY` answers a deterministic earned
 * income and withholding, so federated calls from `ee-dev` have something
 * to reach. With `recordUsage`, each answer is first recorded in
 * Verohallinto's usage log as `income.read`.
 *
 * Limitation: a stub, not a register; every code has an income and the
 * figures are made up. The Finnish register comes later.
 */
export function buildIncomeProvider(
  log: FastifyBaseLogger,
  recordUsage?: UsageRecorder,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
  })
  app.get('/openapi.json', async () => INCOME_OPENAPI)
  app.get('/:personalCode', async (request, reply) => {
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
    await recordUsage?.(request, personalCode, 'income.read')
    const earned = amountCents(personalCode, year)
    return {
      personalCode,
      year,
      currency: 'EUR',
      earnedIncome: earned / 100,
      taxWithheld: Math.round(earned * 0.25) / 100,
    }
  })
  return app
}
