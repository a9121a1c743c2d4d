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
import { acceptsJson } from '../acceptsJson.ts'
import { UsageError } from '../../providers/usage-log/errors.ts'
import type { UsageRecorder } from '../../providers/usage-log/recorder.ts'
import { POPULATION_OPENAPI } from './openApi.ts'
import { findDocuments, findFamily, findPerson } from './store.ts'

/** The register's own errors, each with a stable code. */
const REGISTER_ERRORS = {
  INVALID_PERSONAL_CODE: {
    status: 400,
    message: 'The personal code is not a valid Estonian personal code.',
  },
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The population register has no person with this code.',
  },
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  NOT_FOUND: { status: 404, message: 'There is nothing at this address.' },
  NOT_ACCEPTABLE: {
    status: 406,
    message: 'The population register answers application/json only.',
  },
  INTERNAL: { status: 500, message: 'The population register failed.' },
} as const

type RegisterErrorCode = keyof typeof REGISTER_ERRORS

function sendError(reply: FastifyReply, code: RegisterErrorCode) {
  const { status, message } = REGISTER_ERRORS[code]
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } })
}

/** What the population register needs. */
export interface PopulationProviderOptions {
  db: Kysely<unknown>
  log?: FastifyBaseLogger
  /**
   * Records each answered lookup in the register's usage log before the
   * answer leaves: `persons.read`, `persons.family.read` or
   * `persons.documents.read`. Without it nothing is recorded.
   *
   * Limitation: a family answer also shows the relatives' names and
   * codes, but only the person asked about gets a record; relatives do
   * not see the lookup in their own usage log.
   */
  recordUsage?: UsageRecorder
}

/**
 * The sandbox population register as a REST provider: a person with their
 * address, their family and their documents, by personal code, plus its
 * OpenAPI description. It sits behind the security server; it does not
 * check who asks, as the security server's access rights decide that,
 * but with `recordUsage` it logs who asked for whose data and why.
 * Answers are personal data, so none is cached or logged.
 */
export function buildPopulationProvider(
  options: PopulationProviderOptions,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
  })
  const { db } = options

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!acceptsJson(request)) return sendError(reply, 'NOT_ACCEPTABLE')
  })

  app.get('/openapi.json', async () => POPULATION_OPENAPI)

  type PersonRoute = { Params: { personalCode: string } }

  const lookup =
    <T>(
      action: string,
      find: (db: Kysely<unknown>, code: string) => Promise<T | undefined>,
    ) =>
    async (request: FastifyRequest<PersonRoute>, reply: FastifyReply) => {
      const { personalCode } = request.params
      if (!isValidPersonalCode(personalCode)) {
        return sendError(reply, 'INVALID_PERSONAL_CODE')
      }
      const found = await find(db, personalCode)
      if (found === undefined) return sendError(reply, 'PERSON_NOT_FOUND')
      await options.recordUsage?.(request, personalCode, action)
      return found
    }

  app.get<PersonRoute>(
    '/persons/:personalCode',
    lookup('persons.read', findPerson),
  )
  app.get<PersonRoute>(
    '/persons/:personalCode/family',
    lookup('persons.family.read', async (db, code) => {
      const family = await findFamily(db, code)
      return family && { personalCode: code, ...family }
    }),
  )
  app.get<PersonRoute>(
    '/persons/:personalCode/documents',
    lookup('persons.documents.read', async (db, code) => {
      const documents = await findDocuments(db, code)
      return documents && { personalCode: code, documents }
    }),
  )

  app.setNotFoundHandler((_request, reply) => sendError(reply, 'NOT_FOUND'))
  app.setErrorHandler((error: FastifyError | UsageError, request, reply) => {
    if (error instanceof UsageError) {
      return reply
        .code(error.statusCode)
        .type('application/json; charset=utf-8')
        .send({ error: { code: error.code, message: error.message } })
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, 'BAD_REQUEST')
    }
    request.log.error({ err: error }, 'population register failed')
    return sendError(reply, 'INTERNAL')
  })
  return app
}
