import type { RegisterState } from '../../common/tracker/trackerAnswer.ts'
import type { FastifyInstance } from 'fastify'
import { parseClientId } from '../../common/xroad/identifiers.ts'
import {
  addDays,
  isCalendarDay,
  tallinnDay,
  tallinnDayStart,
} from '../../common/tallinnTime.ts'
import { errorBodySchema, portalError, PortalError } from '../errors.ts'
import type { Gateway } from '../xroad/gateway.ts'
import {
  readRegisterAnswer,
  type RegisterAnswer,
  type TrackedUsage,
} from './registerAnswer.ts'

/** What the Data Tracker needs. */
export interface TrackerOptions {
  gateway: Gateway
  /** The registers' findUsage services the portal asks (TRACKER_REGISTERS). */
  registers: readonly string[]
  /** The portal's own client subsystem, to mark the citizen's own reads. */
  portalClient: string
  clock?: () => Date
}

/** `X-Road-Issue` of the Data Tracker's own queries. */
export const TRACKER_ISSUE = 'DATA_TRACKER'
/** Most records one register's answer carries (findUsage v2's maximum). */
export const REGISTER_LIMIT = 1000
/** The longest period one question may cover. */
const MAX_DAYS = 3 * 366
const DEFAULT_DAYS = 365

const usageSchema = {
  type: 'object',
  required: [
    'register',
    'logtime',
    'action',
    'receiverCode',
    'receiverSystem',
    'byPortal',
  ],
  properties: {
    register: { type: 'string' },
    logtime: { type: 'string', format: 'date-time' },
    action: { type: 'string' },
    receiverCode: { type: 'string' },
    receiverName: { type: 'string' },
    receiverSystem: { type: 'string' },
    byPortal: { type: 'boolean' },
    log: { type: 'string' },
    record: { type: 'object', additionalProperties: true },
    leafIndex: { type: 'integer' },
    proof: { type: ['array', 'null'], items: { type: 'string' } },
    treeSize: { type: ['integer', 'null'] },
  },
} as const

const registerSchema = {
  type: 'object',
  required: ['register', 'state'],
  properties: {
    register: { type: 'string' },
    state: { type: 'string', enum: ['ok', 'failed'] },
    totalUsages: { type: 'integer' },
    truncated: { type: 'boolean' },
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
    log: { type: 'string' },
    checkpoint: { type: 'string' },
  },
} as const

const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

function checkPeriod(from: string, to: string): void {
  if (!isCalendarDay(from) || !isCalendarDay(to)) {
    throw portalError('PERIOD_INVALID', {
      message: 'Give the days as real dates, YYYY-MM-DD.',
    })
  }
  if (from > to) {
    throw portalError('PERIOD_INVALID', {
      message: 'The period ends before it begins.',
    })
  }
  if (addDays(from, MAX_DAYS) < to) {
    throw portalError('PERIOD_INVALID', {
      message: `A period can be at most ${MAX_DAYS} days long.`,
    })
  }
}

/**
 * `GET /api/tracker/usages?from=&to=`: who used the signed-in citizen's
 * data. Asks every register's findUsage service through X-Road at once,
 * for that citizen only, and merges the answers newest first. A register
 * that fails is reported in `registers` and the others still answer. The
 * period's days are Tallinn days, both included (default: the last year).
 */
export async function trackerRoutes(
  app: FastifyInstance,
  options: TrackerOptions,
): Promise<void> {
  const portal = parseClientId(options.portalClient)
  const clock = options.clock ?? (() => new Date())

  async function askRegister(
    register: string,
    personalCode: string,
    period: { start: Date; end: Date },
  ): Promise<{ state: RegisterState; answer?: RegisterAnswer }> {
    try {
      const response = await options.gateway.send({
        service: register,
        method: 'GET',
        path: '/v2/findUsage',
        query: {
          userCode: personalCode,
          periodStart: period.start.toISOString(),
          periodEnd: period.end.toISOString(),
          offset: '0',
          limit: String(REGISTER_LIMIT),
        },
        userId: `EE${personalCode}`,
        issue: TRACKER_ISSUE,
      })
      if (response.status !== 200) {
        return {
          state: {
            register,
            state: 'failed',
            error: {
              code: 'REGISTER_REFUSED',
              message: `The register answered HTTP ${response.status}.`,
            },
          },
        }
      }
      const answer = readRegisterAnswer(response.body)
      // The checkpoint sent with the proofs is the one they lead to; the
      // latest one may be newer (or not yet witnessed), so it is asked for
      // only from a register that sends none.
      const log = answer.checkpoint
        ? {
            log: answer.checkpoint.slice(0, answer.checkpoint.indexOf('\n')),
            checkpoint: answer.checkpoint,
          }
        : await latestCheckpoint(register, personalCode)
      return {
        answer,
        state: {
          register,
          state: 'ok',
          totalUsages: answer.totalUsages,
          truncated: answer.totalUsages > answer.usages.length,
          ...log,
        },
      }
    } catch (error) {
      const failure =
        error instanceof PortalError
          ? { code: error.code, message: error.message }
          : {
              code: 'REGISTER_ANSWER_INVALID',
              message:
                'The register answered something the portal cannot read.',
            }
      return { state: { register, state: 'failed', error: failure } }
    }
  }

  /** The register log's latest signed checkpoint, when it serves one. */
  async function latestCheckpoint(
    register: string,
    personalCode: string,
  ): Promise<{ log: string; checkpoint: string } | undefined> {
    try {
      const response = await options.gateway.send<string>({
        service: register,
        method: 'GET',
        path: '/checkpoint',
        accept: 'text',
        userId: `EE${personalCode}`,
        issue: TRACKER_ISSUE,
      })
      const note = response.body
      if (response.status !== 200 || typeof note !== 'string') return undefined
      const origin = note.slice(0, note.indexOf('\n'))
      return origin ? { log: origin, checkpoint: note } : undefined
    } catch {
      return undefined
    }
  }

  const isPortal = (usage: { receiverCode: string; receiverSystem: string }) =>
    !!portal &&
    usage.receiverCode === portal.memberCode &&
    usage.receiverSystem === portal.subsystemCode

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/tracker/usages',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary:
          'Who used the citizen’s data: every register’s records, newest first',
        tags: ['tracker'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', pattern: DAY_PATTERN },
            to: { type: 'string', pattern: DAY_PATTERN },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['from', 'to', 'registers', 'usages'],
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              registers: { type: 'array', items: registerSchema },
              usages: { type: 'array', items: usageSchema },
            },
          },
          400: errorBodySchema,
          401: errorBodySchema,
        },
      },
    },
    async (request) => {
      const citizen = request.citizen!
      const to = request.query.to ?? tallinnDay(clock())
      const from = request.query.from ?? addDays(to, -DEFAULT_DAYS)
      checkPeriod(from, to)
      const period = {
        start: tallinnDayStart(from),
        end: new Date(tallinnDayStart(addDays(to, 1)).getTime() - 1),
      }
      const answers = await Promise.all(
        options.registers.map((register) =>
          askRegister(register, citizen.personalCode, period),
        ),
      )
      const usages: TrackedUsage[] = answers.flatMap(({ state, answer }) =>
        (answer?.usages ?? []).map((usage) => ({
          ...usage,
          register: state.register,
          byPortal: isPortal(usage),
          ...(state.log ? { log: state.log } : {}),
        })),
      )
      usages.sort((a, b) =>
        a.logtime < b.logtime ? 1 : a.logtime > b.logtime ? -1 : 0,
      )
      return { from, to, registers: answers.map((a) => a.state), usages }
    },
  )

  app.get<{ Querystring: { register: string; from: number; to: number } }>(
    '/api/tracker/consistency',
    {
      preHandler: app.requireCitizen,
      schema: {
        summary:
          'A consistency proof between two sizes of a register’s usage log',
        tags: ['tracker'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['register', 'from', 'to'],
          properties: {
            register: { type: 'string', maxLength: 300 },
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['proof'],
            properties: { proof: { type: 'array', items: { type: 'string' } } },
          },
          400: errorBodySchema,
          401: errorBodySchema,
          502: errorBodySchema,
        },
      },
    },
    async (request) => {
      const { register, from, to } = request.query
      if (!options.registers.includes(register))
        throw portalError('REGISTER_UNKNOWN')
      if (from > to) {
        throw portalError('VALIDATION_FAILED', {
          message: 'from may not be above to.',
        })
      }
      const response = await options.gateway.send<{ proof?: unknown }>({
        service: register,
        method: 'GET',
        path: '/consistency',
        query: { from: String(from), to: String(to) },
        userId: `EE${request.citizen!.personalCode}`,
        issue: TRACKER_ISSUE,
      })
      const proof = response.body?.proof
      if (
        response.status !== 200 ||
        !Array.isArray(proof) ||
        !proof.every((h) => typeof h === 'string' && h.length <= 64)
      ) {
        throw portalError('REGISTER_REFUSED')
      }
      return { proof }
    },
  )
}
