import type { FastifyInstance } from 'fastify'
import { createRegisterApp, type RegisterOptions } from '../registerApp.ts'
import { VEHICLES_OPENAPI } from './openApi.ts'
import { vehiclesOf } from './vehicles.ts'

const VEHICLE_ERRORS = {
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The Transport Administration has no person with this code.',
  },
} as const

/**
 * The sandbox vehicle register (Transpordiamet) as a REST provider: the
 * vehicles a person owns or uses. Each answer is logged as a use of the
 * person's data (`vehicles.vehicles.read`) first.
 */
export function buildVehiclesProvider(
  options: RegisterOptions,
): FastifyInstance {
  const { app, today, person } = createRegisterApp({
    ...options,
    name: 'vehicle register',
    errors: VEHICLE_ERRORS,
  })

  app.get('/openapi.json', async () => VEHICLES_OPENAPI)

  app.get<{ Params: { personalCode: string } }>(
    '/persons/:personalCode/vehicles',
    async (request) => {
      const { personalCode } = request.params
      const found = await person(
        request,
        personalCode,
        'vehicles.vehicles.read',
      )
      return { personalCode, vehicles: vehiclesOf(found, await today()) }
    },
  )

  return app
}
