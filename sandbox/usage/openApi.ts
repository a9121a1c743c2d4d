/**
 * OpenAPI 3 description of a register's usage log service, the three
 * endpoints the Data Tracker (Andmejälgija) usage protocol asks every
 * register's `findUsage` X-Road service to offer.
 */

import { MAX_LIMIT } from './findUsageQuery.ts'
import { USAGE_ERRORS } from './errors.ts'

const string = { type: 'string' } as const
const dateTime = { type: 'string', format: 'date-time' } as const

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
})

const userIdHeader = {
  name: 'X-Road-UserId',
  in: 'header',
  required: true,
  description: 'The person asking, e.g. EE60001019906.',
  schema: string,
} as const

export const USAGE_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Usage log (sandbox register)',
    version: '2.0.0',
    description:
      'Who queried a person’s data in this register: the X-Road client ' +
      'member and subsystem, the action and when. Times are RFC 3339 in ' +
      'UTC. JSON only.',
  },
  paths: {
    '/v2/findUsage': {
      get: {
        operationId: 'findUsage',
        summary: 'A person’s usage records, newest first',
        parameters: [
          userIdHeader,
          {
            name: 'userCode',
            in: 'query',
            required: true,
            description:
              'The data subject’s Estonian personal code, with or without ' +
              'the EE prefix.',
            schema: { type: 'string', pattern: '^(EE)?[1-8][0-9]{10}$' },
          },
          {
            name: 'periodStart',
            in: 'query',
            description: 'Records logged at or after this moment.',
            schema: dateTime,
          },
          {
            name: 'periodEnd',
            in: 'query',
            description: 'Records logged at or before this moment.',
            schema: dateTime,
          },
          {
            name: 'offset',
            in: 'query',
            description: 'Records to skip, newest first.',
            schema: { type: 'integer', minimum: 0, default: 0 },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Most records to return.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: MAX_LIMIT,
              default: MAX_LIMIT,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page of records and the total that match.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Usages' },
              },
            },
          },
          '400': errorResponse(
            `A parameter or X-Road-UserId is missing or malformed: ${[
              'MISSING_USER_CODE',
              'INVALID_USER_CODE',
              'INVALID_PERIOD',
              'INVALID_PAGING',
              'INVALID_PARAMETER',
              'MISSING_USER_ID',
            ].join(', ')}.`,
          ),
          '406': errorResponse('The client does not accept JSON.'),
        },
      },
    },
    '/v2/usagePeriod': {
      get: {
        operationId: 'usagePeriod',
        summary: 'The period the usage log holds records for',
        responses: {
          '200': {
            description:
              'periodStart is the oldest record, or now when there is ' +
              'none; no periodEnd: records reach the present.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['periodStart'],
                  properties: { periodStart: dateTime, periodEnd: dateTime },
                },
              },
            },
          },
        },
      },
    },
    '/v2/heartbeat': {
      get: {
        operationId: 'heartbeat',
        summary: 'Whether the usage log answers',
        responses: {
          '200': {
            description: 'The usage log and its database answer.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: { type: 'string', enum: ['OK'] },
                    message: string,
                  },
                },
              },
            },
          },
          '503': errorResponse(USAGE_ERRORS.UNAVAILABLE.message),
        },
      },
    },
  },
  components: {
    schemas: {
      Usage: {
        type: 'object',
        required: ['logtime', 'action', 'receiverCode', 'receiverSystem'],
        properties: {
          logtime: dateTime,
          action: {
            ...string,
            description: 'What the register did, e.g. persons.read.',
          },
          receiverCode: {
            ...string,
            description: 'The X-Road client’s member (registry) code.',
          },
          receiverName: {
            ...string,
            description: 'The client member’s name, when known.',
          },
          receiverSystem: {
            ...string,
            description:
              'The client’s subsystem code (its member code when it ' +
              'called without one).',
          },
        },
      },
      Usages: {
        type: 'object',
        required: ['totalUsages', 'usages'],
        properties: {
          totalUsages: { type: 'integer', minimum: 0 },
          usages: {
            type: 'array',
            items: { $ref: '#/components/schemas/Usage' },
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
