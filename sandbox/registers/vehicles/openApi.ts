import {
  date,
  errorSchema,
  listOf,
  personalCodeParameter,
  personResponses,
  record,
  string,
} from '../openApiParts.ts'

/** OpenAPI 3 description of the sandbox vehicle register. */
export const VEHICLES_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Transpordiamet: vehicle register (sandbox)',
    version: '1.0.0',
    description:
      'Synthetic vehicles residents of the sandbox own or use. JSON only.',
  },
  paths: {
    '/persons/{personalCode}/vehicles': {
      get: {
        operationId: 'getVehicles',
        summary: 'Vehicles the person owns or uses, by registration number',
        parameters: [personalCodeParameter],
        responses: personResponses('Vehicles'),
      },
    },
  },
  components: {
    schemas: {
      Vehicle: record({
        registrationNumber: { ...string, example: '123 ABC' },
        vin: string,
        make: string,
        model: string,
        fuel: {
          type: 'string',
          enum: ['petrol', 'diesel', 'hybrid', 'electric'],
        },
        firstRegistration: date,
        role: { type: 'string', enum: ['owner', 'user'] },
        owner: {
          type: 'string',
          nullable: true,
          description: 'The owner, when the person only uses the vehicle.',
        },
        inspectionValidUntil: date,
        inspectionValid: { type: 'boolean' },
      }),
      Vehicles: record({ personalCode: string, vehicles: listOf('Vehicle') }),
      Error: errorSchema,
    },
  },
} as const
