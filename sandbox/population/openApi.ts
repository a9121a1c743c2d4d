/**
 * OpenAPI 3 description of the sandbox population register. Its routes sit
 * below `/persons`, given as the server so that the paths read as X-Road
 * clients call them: `/r1/…/population/persons/{personalCode}`.
 */

const personalCode = {
  name: 'personalCode',
  in: 'path',
  required: true,
  description: 'Estonian personal code (isikukood), 11 digits.',
  schema: { type: 'string', pattern: '^[1-8][0-9]{10}$' },
} as const

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
})

const ok = (schema: string) => ({
  description: 'Found.',
  content: {
    'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
  },
})

const responses = (schema: string) => ({
  '200': ok(schema),
  '400': errorResponse('The personal code is not valid.'),
  '404': errorResponse('No person has this personal code.'),
  '406': errorResponse('The client does not accept JSON.'),
})

const string = { type: 'string' } as const
const date = { type: 'string', format: 'date' } as const

export const POPULATION_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Population register (sandbox)',
    version: '1.0.0',
    description:
      'Synthetic residents of the sandbox population register: person and ' +
      'address, family links and identity documents. JSON only.',
  },
  servers: [{ url: '/persons' }],
  paths: {
    '/{personalCode}': {
      get: {
        operationId: 'getPerson',
        summary: 'A person and their residential address',
        parameters: [personalCode],
        responses: responses('Person'),
      },
    },
    '/{personalCode}/family': {
      get: {
        operationId: 'getFamily',
        summary: "A person's spouse, children and parents",
        parameters: [personalCode],
        responses: responses('Family'),
      },
    },
    '/{personalCode}/documents': {
      get: {
        operationId: 'getDocuments',
        summary: "A person's identity documents, oldest first",
        parameters: [personalCode],
        responses: responses('Documents'),
      },
    },
  },
  components: {
    schemas: {
      Person: {
        type: 'object',
        required: [
          'personalCode',
          'givenName',
          'familyName',
          'sex',
          'birthDate',
          'kind',
          'citizenship',
          'address',
        ],
        properties: {
          personalCode: string,
          givenName: string,
          familyName: string,
          sex: { type: 'string', enum: ['female', 'male'] },
          birthDate: date,
          kind: { type: 'string', enum: ['citizen', 'resident', 'e-resident'] },
          citizenship: { ...string, description: 'ISO 3166-1 alpha-2' },
          address: {
            nullable: true,
            allOf: [{ $ref: '#/components/schemas/Address' }],
            description: 'Null for e-residents, who live abroad.',
          },
        },
      },
      Address: {
        type: 'object',
        required: ['county', 'municipality', 'settlement', 'street', 'house'],
        properties: {
          county: string,
          municipality: string,
          settlement: string,
          street: string,
          house: string,
          apartment: { type: 'string', nullable: true },
          postalCode: string,
        },
      },
      Relative: {
        type: 'object',
        required: ['personalCode', 'givenName', 'familyName', 'birthDate'],
        properties: {
          personalCode: string,
          givenName: string,
          familyName: string,
          birthDate: date,
        },
      },
      Family: {
        type: 'object',
        required: ['personalCode', 'spouse', 'children', 'parents'],
        properties: {
          personalCode: string,
          spouse: {
            nullable: true,
            allOf: [{ $ref: '#/components/schemas/Relative' }],
          },
          children: {
            type: 'array',
            items: { $ref: '#/components/schemas/Relative' },
          },
          parents: {
            type: 'array',
            items: { $ref: '#/components/schemas/Relative' },
          },
        },
      },
      Document: {
        type: 'object',
        required: ['type', 'number', 'issuedOn', 'validUntil', 'status'],
        properties: {
          type: {
            type: 'string',
            enum: [
              'id-card',
              'passport',
              'digital-id',
              'residence-permit-card',
            ],
          },
          number: string,
          issuedOn: date,
          validUntil: date,
          status: { type: 'string', enum: ['valid', 'expired', 'revoked'] },
        },
      },
      Documents: {
        type: 'object',
        required: ['personalCode', 'documents'],
        properties: {
          personalCode: string,
          documents: {
            type: 'array',
            items: { $ref: '#/components/schemas/Document' },
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: string, message: string },
          },
        },
      },
    },
  },
} as const
