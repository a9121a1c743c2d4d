import {
  date,
  errorResponse,
  errorSchema,
  listOf,
  personalCodeParameter,
  personResponses,
  record,
  ref,
  string,
} from '../openApiParts.ts'

const legalForm = { type: 'string', enum: ['OÜ', 'AS', 'MTÜ'] } as const
const status = { type: 'string', enum: ['registered', 'deleted'] } as const
const role = {
  type: 'string',
  enum: ['board-member', 'shareholder', 'member'],
} as const
const sharePercent = {
  type: 'number',
  nullable: true,
  description: 'Per cent of the shares; null for roles without shares.',
} as const

/** OpenAPI 3 description of the sandbox Business Register. */
export const BUSINESS_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Äriregister: companies and roles (sandbox)',
    version: '1.0.0',
    description:
      'Synthetic companies and non-profit associations of residents and ' +
      'e-residents of the sandbox, and the roles people have in them. ' +
      'JSON only.',
  },
  paths: {
    '/persons/{personalCode}/roles': {
      get: {
        operationId: 'getRoles',
        summary: 'Companies the person has roles in, with the roles',
        parameters: [personalCodeParameter],
        responses: personResponses('PersonRoles'),
      },
    },
    '/companies/{registryCode}': {
      get: {
        operationId: 'getCompany',
        summary: 'A company by its registry code, with its people',
        parameters: [
          {
            name: 'registryCode',
            in: 'path',
            required: true,
            description: 'Registry code (registrikood), 8 digits.',
            schema: { type: 'string', pattern: '^[0-9]{8}$' },
          },
        ],
        responses: {
          '200': {
            description: 'Found.',
            content: { 'application/json': { schema: ref('Company') } },
          },
          '400': errorResponse('The registry code is not valid.'),
          '404': errorResponse('No company has this registry code.'),
          '406': errorResponse('The client does not accept JSON.'),
        },
      },
    },
  },
  components: {
    schemas: {
      Activity: record({ code: string, name: string }),
      CompanyPerson: record({
        personalCode: string,
        givenName: string,
        familyName: string,
        role,
        since: date,
        sharePercent,
      }),
      Company: record({
        registryCode: string,
        name: string,
        legalForm,
        status,
        registeredOn: date,
        deletedOn: { ...date, nullable: true },
        address: string,
        shareCapital: {
          type: 'number',
          nullable: true,
          description: 'Euros; null for associations.',
        },
        activity: ref('Activity'),
        people: listOf('CompanyPerson'),
      }),
      Role: record({ role, since: date, sharePercent }),
      PersonCompany: record({
        registryCode: string,
        name: string,
        legalForm,
        status,
        roles: listOf('Role'),
      }),
      PersonRoles: record({
        personalCode: string,
        companies: listOf('PersonCompany'),
      }),
      Error: errorSchema,
    },
  },
} as const
