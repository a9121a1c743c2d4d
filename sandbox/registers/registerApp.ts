import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import type { Kysely } from 'kysely'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import { parseIsoDate, startOfDay } from '../population/dates.ts'
import {
  findPerson,
  seedMarker,
  type PersonRecord,
} from '../population/store.ts'
import type { UsageRecorder } from '../../providers/usage-log/recorder.ts'
import {
  COMMON_ERRORS,
  RegisterError,
  type RegisterErrorSpec,
} from './registerError.ts'

/** What every sandbox register is built with. */
export interface RegisterOptions {
  /** The sandbox database, seeded with the population register. */
  db: Kysely<unknown>
  log?: FastifyBaseLogger
  /** Logs each access to a person's data before the register answers. */
  recordUsage?: UsageRecorder
  /**
   * The day the register's dates are counted from. Default: the day the
   * population was seeded, so answers stay the same for a database.
   */
  today?: Date
}

/** The helpers a register's routes use. */
export interface RegisterContext {
  app: FastifyInstance
  db: Kysely<unknown>
  /** The reference day, at UTC midnight. */
  today(): Promise<Date>
  /**
   * The person with this code, after checking the code and logging the
   * access as `action`; throws INVALID_PERSONAL_CODE or PERSON_NOT_FOUND.
   */
  person(
    request: FastifyRequest,
    personalCode: string,
    action: string,
  ): Promise<PersonRecord>
  /** Logs an access to one person's data, when a recorder is set. */
  record(
    request: FastifyRequest,
    personalCode: string,
    action: string,
  ): Promise<void>
}

/** True unless an Accept header names only types other than JSON. */
function acceptsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept
  if (!accept) return true
  return accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase())
    .some((type) =>
      ['application/json', 'application/*', '*/*'].includes(type ?? ''),
    )
}

/**
 * A Fastify app for one sandbox register, with what the population
 * register does too: JSON only (406 otherwise), `cache-control: no-store`,
 * no request logging (answers are personal data), and errors as
 * `{error: {code, message}}` from the register's own table plus the
 * common ones. Routes throw `RegisterError`.
 */
export function createRegisterApp(
  options: RegisterOptions & {
    /** Used in log lines, e.g. 'tax register'. */
    name: string
    errors: Record<string, RegisterErrorSpec>
  },
): RegisterContext {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
  })
  const { db, recordUsage } = options
  const errors: Record<string, RegisterErrorSpec> = {
    ...COMMON_ERRORS,
    ...options.errors,
  }

  const send = (reply: FastifyReply, code: string, detail?: string) => {
    const spec = errors[code] ?? COMMON_ERRORS.INTERNAL
    return reply
      .code(spec.status)
      .type('application/json; charset=utf-8')
      .send({ error: { code, message: detail ?? spec.message } })
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!acceptsJson(request)) return send(reply, 'NOT_ACCEPTABLE')
  })
  app.setNotFoundHandler((_request, reply) => send(reply, 'NOT_FOUND'))
  app.setErrorHandler((error: Error, request, reply) => {
    if (error instanceof RegisterError && errors[error.code]) {
      return send(reply, error.code, error.detail)
    }
    const { statusCode } = error as Partial<FastifyError>
    if (statusCode !== undefined && statusCode < 500) {
      return send(reply, 'BAD_REQUEST')
    }
    // Name, message and stack only: a database error's detail may quote
    // the personal code it was about.
    const { name, message, stack } = error
    request.log.error(
      { err: { name, message, stack } },
      `${options.name} failed`,
    )
    return send(reply, 'INTERNAL')
  })

  let reference: Promise<Date> | undefined
  const today = () => {
    reference ??= options.today
      ? Promise.resolve(startOfDay(options.today))
      : seedMarker(db).then(
          (marker) =>
            marker ? parseIsoDate(marker.today) : startOfDay(new Date()),
          (err: unknown) => {
            // Ask the database again next time rather than fail for ever.
            reference = undefined
            throw err
          },
        )
    return reference
  }

  const record = async (
    request: FastifyRequest,
    personalCode: string,
    action: string,
  ) => {
    if (recordUsage) await recordUsage(request, personalCode, action)
  }

  const person = async (
    request: FastifyRequest,
    personalCode: string,
    action: string,
  ) => {
    if (!isValidPersonalCode(personalCode)) {
      throw new RegisterError('INVALID_PERSONAL_CODE')
    }
    const found = await findPerson(db, personalCode)
    if (!found) throw new RegisterError('PERSON_NOT_FOUND')
    await record(request, personalCode, action)
    return found
  }

  return { app, db, today, person, record }
}
