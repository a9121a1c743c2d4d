import type { FastifyInstance } from 'fastify'
import { createRegisterApp, type RegisterOptions } from '../registerApp.ts'
import { insuranceOf } from './insurance.ts'
import { HEALTH_OPENAPI } from './openApi.ts'
import { prescriptionsOf } from './prescriptions.ts'

const HEALTH_ERRORS = {
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The Health Insurance Fund has no person with this code.',
  },
} as const

type PersonParams = { personalCode: string }

/**
 * The sandbox Health Insurance Fund (Tervisekassa) as a REST provider: a
 * person's insurance status and their prescriptions. Each answer is
 * logged as a use of the person's data (`health.insurance.read`,
 * `health.prescriptions.read`) first.
 */
export function buildHealthProvider(options: RegisterOptions): FastifyInstance {
  const { app, today, person } = createRegisterApp({
    ...options,
    name: 'health register',
    errors: HEALTH_ERRORS,
  })

  app.get('/openapi.json', async () => HEALTH_OPENAPI)

  app.get<{ Params: PersonParams }>(
    '/persons/:personalCode/insurance',
    async (request) => {
      const { personalCode } = request.params
      const found = await person(request, personalCode, 'health.insurance.read')
      return insuranceOf(found, await today())
    },
  )

  app.get<{ Params: PersonParams }>(
    '/persons/:personalCode/prescriptions',
    async (request) => {
      const { personalCode } = request.params
      const found = await person(
        request,
        personalCode,
        'health.prescriptions.read',
      )
      return {
        personalCode,
        prescriptions: prescriptionsOf(found, await today()),
      }
    },
  )

  return app
}
