import { explanationRequestProperties } from '../../common/tracker/explanationRequest.ts'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
} from 'fastify'
import type { Kysely } from 'kysely'
import { isValidPersonalCode } from '../../common/personalCode.ts'
import { createRegisterApp } from '../registers/registerApp.ts'
import { RegisterError } from '../registers/registerError.ts'
import { EXPLANATION_OPENAPI } from './openApi.ts'
import {
  answerText,
  stateAt,
  type AskedUsage,
  type Language,
} from './operator.ts'
import {
  fileRequest,
  findRequest,
  listRequests,
  type ExplanationRequest,
} from './requests.ts'

export interface ExplanationProviderOptions {
  db: Kysely<unknown>
  /** The register's subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  register: string
  /** How long the scripted operator takes for each step (30 s). */
  delayMs?: number
  now?: () => Date
  log?: FastifyBaseLogger
}

const ERRORS = {
  INVALID_USER_ID: {
    status: 400,
    message: 'X-Road-UserId must be EE followed by a valid personal code.',
  },
  REQUEST_ID_TAKEN: {
    status: 409,
    message: 'A different request already has this id.',
  },
  REQUEST_NOT_FOUND: {
    status: 404,
    message: 'There is no such request of yours.',
  },
}

const requestBody = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'usage', 'language'],
  properties: explanationRequestProperties,
} as const

/**
 * A register's "explain an access" service: a citizen (the X-Road user)
 * asks why an agency used their data; the register's scripted operator
 * takes the request up and answers or refuses it. `POST /requests` files
 * a request (its client-made id makes a retry harmless), `GET /requests`
 * lists the person's own, `GET /requests/{id}` reads one of them.
 */
export function buildExplanationProvider(
  options: ExplanationProviderOptions,
): FastifyInstance {
  const { db, register } = options
  const delayMs = options.delayMs ?? 30_000
  const now = options.now ?? (() => new Date())
  const { app } = createRegisterApp({
    db,
    log: options.log,
    name: 'explanation service',
    errors: ERRORS,
  })

  const personOf = (request: FastifyRequest): string => {
    const userId = request.headers['x-road-userid']
    const code = typeof userId === 'string' ? userId.replace(/^EE/, '') : ''
    if (
      typeof userId !== 'string' ||
      !userId.startsWith('EE') ||
      !isValidPersonalCode(code)
    ) {
      throw new RegisterError('INVALID_USER_ID')
    }
    return code
  }

  const view = (request: ExplanationRequest) => {
    const age = now().getTime() - request.createdAt.getTime()
    const state = stateAt(request.usage, age, delayMs)
    const steps = state === 'received' ? 0 : state === 'in-progress' ? 1 : 2
    const answer = answerText(request.usage, state, request.language)
    return {
      id: request.id,
      state,
      usage: request.usage,
      ...(request.question ? { question: request.question } : {}),
      createdAt: request.createdAt.toISOString(),
      updatedAt: new Date(
        request.createdAt.getTime() + steps * delayMs,
      ).toISOString(),
      ...(answer ? { answer } : {}),
    }
  }

  app.get('/openapi.json', async () => EXPLANATION_OPENAPI)

  app.post<{
    Body: {
      id: string
      usage: AskedUsage
      question?: string
      language: Language
    }
  }>('/requests', { schema: { body: requestBody } }, async (request, reply) => {
    const personalCode = personOf(request)
    const { id, usage, question, language } = request.body
    const stored = await fileRequest(
      db,
      {
        id,
        register,
        personalCode,
        usage,
        question: question ?? null,
        language,
      },
      now(),
    )
    if (stored.personalCode !== personalCode || stored.register !== register) {
      throw new RegisterError('REQUEST_ID_TAKEN')
    }
    return reply.code(201).send(view(stored))
  })

  app.get('/requests', async (request) => {
    const personalCode = personOf(request)
    return {
      requests: (await listRequests(db, register, personalCode)).map(view),
    }
  })

  app.get<{ Params: { id: string } }>('/requests/:id', async (request) => {
    const personalCode = personOf(request)
    const id = request.params.id
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? await findRequest(db, id)
      : undefined
    if (
      !found ||
      found.personalCode !== personalCode ||
      found.register !== register
    ) {
      throw new RegisterError('REQUEST_NOT_FOUND')
    }
    return view(found)
  })
  return app
}
