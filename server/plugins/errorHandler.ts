import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import {
  PortalError,
  portalError,
  type CoreErrorCode,
  type ErrorBody,
} from '../errors.ts'

/** Fastify's own error codes and the portal error each one becomes. */
const FASTIFY_CODES: Record<string, CoreErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
}

/** Ajv keywords and the stable problem names the PWA translates. */
const PROBLEMS: Record<string, string> = {
  required: 'required',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  maximum: 'too_large',
  additionalProperties: 'unknown_field',
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number]

/** A validation issue as `{field, problem}`, e.g. `{message, too_long}`. */
function fieldProblem(issue: ValidationIssue) {
  const params = issue.params as Record<string, unknown>
  const path = issue.instancePath.split('/').filter(Boolean)
  const named =
    params.missingProperty ?? params.additionalProperty ?? path.at(-1)
  return {
    field: typeof named === 'string' ? named : '',
    problem: PROBLEMS[issue.keyword] ?? 'invalid',
  }
}

function send(reply: FastifyReply, error: PortalError) {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message },
  }
  if (error.details !== undefined) body.error.details = error.details
  if (error.headers) reply.headers(error.headers)
  return reply.status(error.statusCode).type('application/json').send(body)
}

/** Converts any failure into the portal's JSON error with a stable code. */
export function toPortalError(error: FastifyError | Error): PortalError {
  if (error instanceof PortalError) return error

  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    return portalError('VALIDATION_FAILED', {
      details: fastifyError.validation.map(fieldProblem),
    })
  }
  const mapped = fastifyError.code && FASTIFY_CODES[fastifyError.code]
  if (mapped) return portalError(mapped)
  if (error instanceof SyntaxError) return portalError('BAD_JSON')

  const status = fastifyError.statusCode
  if (status && status >= 400 && status < 500) {
    return portalError('VALIDATION_FAILED')
  }
  return portalError('INTERNAL')
}

/** JSON errors for every failure and for unknown `/api` routes. */
export function errorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const portal = toPortalError(error)
    if (portal.statusCode >= 500) {
      request.log.error({ err: error, code: portal.code }, 'request failed')
    } else {
      request.log.info({ code: portal.code }, 'request refused')
    }
    return send(reply, portal)
  })
}

/** Answers an unknown route: a JSON 404, never an HTML page, under /api. */
export function sendNotFound(reply: FastifyReply) {
  return send(reply, portalError('NOT_FOUND'))
}
