import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify'
import { parseAddCheckpointBody } from './addCheckpointBody.ts'
import {
  WITNESS_ERRORS,
  WitnessError,
  type WitnessErrorCode,
} from './errors.ts'
import type { Witness } from './witness.ts'

/** The content type of a 409's body: the witness's size and a newline. */
export const SIZE_CONTENT_TYPE = 'text/x.tlog.size'

/** Far above any checkpoint with its proof and a few signatures. */
const BODY_LIMIT = 64 * 1024

function sendError(reply: FastifyReply, code: WitnessErrorCode) {
  const { status, message } = WITNESS_ERRORS[code]
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } })
}

/**
 * The witness over HTTP, as C2SP tlog-witness asks: `POST /add-checkpoint`
 * answers the cosignature lines, or 409 with the witness's size as
 * `text/x.tlog.size`, or an error (400, 403, 404, 422) as JSON.
 * `GET /reports?origin=` lists the checkpoints it refused, with evidence.
 */
export function buildWitnessApp(options: {
  witness: Witness
  log: FastifyBaseLogger
}): FastifyInstance {
  const { witness } = options
  const app = Fastify({
    loggerInstance: options.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
  })
  // Clients send text/plain or nothing at all: read every body as text.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  )

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof WitnessError) {
      if (error.code === 'OLD_SIZE_CONFLICT') {
        return reply
          .code(409)
          .type(SIZE_CONTENT_TYPE)
          .send(`${error.knownSize ?? 0}\n`)
      }
      return sendError(reply, error.code)
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendError(reply, 'BAD_REQUEST_BODY')
    }
    reply.log.error({ err: error }, 'witness request failed')
    return reply
      .code(500)
      .type('application/json; charset=utf-8')
      .send({ error: { code: 'INTERNAL', message: 'The witness failed.' } })
  })

  app.post('/add-checkpoint', async (request, reply) => {
    if (typeof request.body !== 'string') {
      return sendError(reply, 'BAD_REQUEST_BODY')
    }
    const lines = await witness.addCheckpoint(
      parseAddCheckpointBody(request.body),
    )
    return reply
      .type('text/plain; charset=utf-8')
      .send(lines.map((line) => `${line}\n`).join(''))
  })

  app.get('/reports', async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const origin = query.origin
    if (origin !== undefined && (typeof origin !== 'string' || origin === '')) {
      return sendError(reply, 'BAD_QUERY')
    }
    return reply.send({ reports: await witness.reports({ origin }) })
  })

  return app
}
