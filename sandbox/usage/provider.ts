import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify'
import type { Kysely } from 'kysely'
import { acceptsJson } from '../acceptsJson.ts'
import { USAGE_ERRORS, UsageError, type UsageErrorCode } from './errors.ts'
import { parseFindUsageQuery } from './findUsageQuery.ts'
import { USAGE_OPENAPI } from './openApi.ts'
import {
  findUsages,
  oldestUsage,
  pingUsageLog,
  type UsageRecord,
} from './usageLog.ts'

/** What a register's usage log service needs. */
export interface UsageProviderOptions {
  db: Kysely<unknown>
  /** The register's subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  register: string
  /**
   * A member's name by `INSTANCE/CLASS/MEMBER`, for `receiverName`;
   * called at query time, so it may learn members after start-up.
   */
  members?: (member: string) => string | undefined
  log?: FastifyBaseLogger
  /** The clock usagePeriod answers with when the log is empty. */
  now?: () => Date
}

/** One record as the Data Tracker usage protocol shows it. */
export interface UsageView {
  logtime: string
  action: string
  receiverCode: string
  receiverName?: string
  receiverSystem: string
}

function sendError(reply: FastifyReply, code: UsageErrorCode) {
  const { status, message } = USAGE_ERRORS[code]
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } })
}

/**
 * A register's usage log as the Data Tracker (Andmejälgija) usage
 * protocol v2 asks for: `GET /v2/findUsage` answers
 * `{totalUsages, usages: [{logtime, action, receiverCode, receiverName,
 * receiverSystem}]}` for one person, newest first; `GET /v2/usagePeriod`
 * the period the log holds; `GET /v2/heartbeat` whether it answers; and
 * `/openapi.json` describes them. It sits behind the security server as
 * the register's `findUsage` service and reads only its own register's
 * records. Answers are personal data: none is cached or logged.
 */
export function buildUsageProvider(
  options: UsageProviderOptions,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
  })
  const { db, register } = options
  const now = options.now ?? (() => new Date())

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!acceptsJson(request)) return sendError(reply, 'NOT_ACCEPTABLE')
  })

  app.get('/openapi.json', async () => USAGE_OPENAPI)

  const view = (record: UsageRecord): UsageView => {
    const receiverName = options.members?.(record.clientMember)
    return {
      logtime: record.loggedAt.toISOString(),
      action: record.action,
      receiverCode: record.clientMemberCode,
      ...(receiverName === undefined ? {} : { receiverName }),
      receiverSystem: record.clientSubsystem ?? record.clientMemberCode,
    }
  }

  app.get('/v2/findUsage', async (request) => {
    const userId = request.headers['x-road-userid']
    if (typeof userId !== 'string' || userId.trim() === '') {
      throw new UsageError('MISSING_USER_ID')
    }
    const search = request.url.split('?')[1] ?? ''
    const query = parseFindUsageQuery(search)
    const page = await findUsages(db, { register, ...query })
    return { totalUsages: page.total, usages: page.records.map(view) }
  })

  app.get('/v2/usagePeriod', async () => {
    const oldest = (await oldestUsage(db, register)) ?? now()
    return { periodStart: oldest.toISOString() }
  })

  app.get('/v2/heartbeat', async (request, reply) => {
    try {
      await pingUsageLog(db)
    } catch (err) {
      request.log.error({ err }, 'usage log database does not answer')
      return sendError(reply, 'UNAVAILABLE')
    }
    return { status: 'OK', message: 'The usage log is ready.' }
  })

  app.setNotFoundHandler((_request, reply) => sendError(reply, 'NOT_FOUND'))
  app.setErrorHandler((error: FastifyError | UsageError, request, reply) => {
    if (error instanceof UsageError) return sendError(reply, error.code)
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, 'BAD_REQUEST')
    }
    request.log.error({ err: error }, 'usage log failed')
    return sendError(reply, 'INTERNAL')
  })
  return app
}
