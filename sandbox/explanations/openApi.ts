import {
  errorResponse,
  errorSchema,
  jsonResponse,
} from '../registers/openApiParts.ts'

const usage = {
  type: 'object',
  required: ['logtime', 'action', 'receiverCode', 'receiverSystem'],
  properties: {
    logtime: { type: 'string', format: 'date-time' },
    action: { type: 'string' },
    receiverCode: { type: 'string' },
    receiverSystem: { type: 'string' },
    receiverName: { type: 'string' },
    why: { type: 'string' },
  },
} as const

/** OpenAPI 3 description of a register's "explain an access" service. */
export const EXPLANATION_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Explain an access (sandbox)',
    version: '1.0.0',
    description:
      'A person (the X-Road user) asks the register why an agency used ' +
      'their data, and follows the request until it is answered or refused.',
  },
  paths: {
    '/requests': {
      post: {
        operationId: 'fileRequest',
        summary: 'Asks the register to explain one use of the person’s data',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'usage', 'language'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  language: { type: 'string', enum: ['et', 'en', 'ru'] },
                  question: { type: 'string', maxLength: 1000 },
                  usage,
                },
              },
            },
          },
        },
        responses: {
          '201': jsonResponse(
            'Request',
            'Filed (or filed before, with this id).',
          ),
          '400': errorResponse('The request or X-Road-UserId is not valid.'),
          '409': errorResponse('Another request has this id.'),
        },
      },
      get: {
        operationId: 'listRequests',
        summary: 'The person’s requests to this register, newest first',
        responses: { '200': jsonResponse('Requests') },
      },
    },
    '/requests/{id}': {
      get: {
        operationId: 'getRequest',
        summary: 'One of the person’s requests',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': jsonResponse('Request'),
          '404': errorResponse('No such request of this person.'),
        },
      },
    },
  },
  components: {
    schemas: {
      Error: errorSchema,
      Request: {
        type: 'object',
        required: ['id', 'state', 'usage', 'createdAt', 'updatedAt'],
        properties: {
          id: { type: 'string' },
          state: {
            type: 'string',
            enum: ['received', 'in-progress', 'answered', 'refused'],
          },
          usage,
          question: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          answer: { type: 'string' },
        },
      },
      Requests: {
        type: 'object',
        required: ['requests'],
        properties: {
          requests: {
            type: 'array',
            items: { $ref: '#/components/schemas/Request' },
          },
        },
      },
    },
  },
} as const
