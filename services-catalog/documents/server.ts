import { defineOperations } from '../../server/catalog/operations.ts'
import errors from './errors.ts'
import { POPULATION_SERVICE } from './manifest.ts'
import { renewalOf, tallinnToday } from './renewal.ts'

interface RegisterDocument {
  type: string
  number: string
  issuedOn: string
  validUntil: string
  status: string
}

const documentsSchema = {
  type: 'object',
  required: ['documents'],
  properties: {
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'number', 'validUntil', 'status', 'renewal'],
        properties: {
          type: { type: 'string' },
          number: { type: 'string' },
          issuedOn: { type: 'string' },
          validUntil: { type: 'string' },
          status: { type: 'string' },
          renewal: {
            type: 'string',
            enum: ['none', 'due', 'expired', 'revoked'],
          },
        },
      },
    },
  },
} as const

/** `GET /api/services/documents/documents`: the citizen's documents. */
export default defineOperations((app, { xroad }) => {
  app.get(
    '/documents',
    {
      schema: {
        summary: "The signed-in citizen's identity documents and renewal",
        response: { 200: documentsSchema },
      },
    },
    async (request) => {
      const personalCode = request.citizen?.personalCode ?? ''
      const answer = await xroad.call<{ documents: RegisterDocument[] }>({
        service: POPULATION_SERVICE,
        path: `/${personalCode}/documents`,
        personalCode,
      })
      if (answer.status === 404) throw errors.DOCUMENTS_NOT_FOUND()
      if (answer.status !== 200 || !Array.isArray(answer.body?.documents)) {
        throw errors.DOCUMENTS_UNAVAILABLE()
      }

      const today = tallinnToday()
      const documents = answer.body.documents
        .map((d) => ({ ...d, renewal: renewalOf(d, today) }))
        .sort((a, b) => b.validUntil.localeCompare(a.validUntil))
      return { documents }
    },
  )
})
