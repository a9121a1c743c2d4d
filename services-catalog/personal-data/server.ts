import { defineOperations } from '../../server/catalog/operations.ts'
import errors from './errors.ts'
import { POPULATION_SERVICE } from './manifest.ts'

const relative = {
  type: 'object',
  required: ['personalCode', 'givenName', 'familyName', 'birthDate'],
  properties: {
    personalCode: { type: 'string' },
    givenName: { type: 'string' },
    familyName: { type: 'string' },
    birthDate: { type: 'string' },
  },
} as const

const personalDataSchema = {
  type: 'object',
  required: ['person', 'family'],
  properties: {
    person: {
      type: 'object',
      required: ['personalCode', 'givenName', 'familyName', 'birthDate'],
      properties: {
        personalCode: { type: 'string' },
        givenName: { type: 'string' },
        familyName: { type: 'string' },
        birthDate: { type: 'string' },
        sex: { type: 'string' },
        kind: { type: 'string' },
        citizenship: { type: 'string' },
        address: {
          type: ['object', 'null'],
          properties: {
            county: { type: 'string' },
            municipality: { type: 'string' },
            settlement: { type: 'string' },
            street: { type: 'string' },
            house: { type: 'string' },
            apartment: { type: ['string', 'null'] },
            postalCode: { type: 'string' },
          },
        },
      },
    },
    family: {
      type: 'object',
      properties: {
        spouse: { anyOf: [relative, { type: 'null' }] },
        children: { type: 'array', items: relative },
        parents: { type: 'array', items: relative },
      },
    },
  },
} as const

/** `GET /api/services/personal-data/person`: the citizen's own record. */
export default defineOperations((app, { xroad }) => {
  app.get(
    '/person',
    {
      schema: {
        summary: 'The signed-in citizen as the population register knows them',
        response: { 200: personalDataSchema },
      },
    },
    async (request) => {
      const personalCode = request.citizen?.personalCode ?? ''
      const ask = (path: string) =>
        xroad.call({ service: POPULATION_SERVICE, path, personalCode })

      const [person, family] = await Promise.all([
        ask(`/${personalCode}`),
        ask(`/${personalCode}/family`),
      ])
      if (person.status === 404) throw errors.PERSONAL_DATA_NOT_FOUND()
      if (person.status !== 200 || family.status !== 200) {
        throw errors.PERSONAL_DATA_UNAVAILABLE()
      }
      return { person: person.body, family: family.body }
    },
  )
})
