/**
 * OpenAPI 3 description of a register's usage log service: the three
 * endpoints the Data Tracker (Andmejälgija) usage protocol asks every
 * register's `findUsage` X-Road service to offer, each usage with its
 * Merkle proof, and the log's checkpoint and consistency calls.
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

const sizeSchema = { type: 'integer', minimum: 0 } as const
const base64Hashes = {
  type: 'array',
  items: { type: 'string', format: 'byte' },
  description: 'SHA-256 hashes, base64, in RFC 9162 proof order.',
} as const
const noteResponse = {
  description:
    'A C2SP signed note: the tlog-checkpoint text (origin, size, base64 ' +
    'root), a blank line, the log’s Ed25519 signature line and any ' +
    'witness cosignature lines (C2SP tlog-cosignature).',
  content: { 'text/plain': { schema: string } },
} as const

/** The OpenAPI document of the log named `origin`. */
export const usageLogOpenApi = (origin: string) => ({
  ...USAGE_OPENAPI,
  info: {
    ...USAGE_OPENAPI.info,
    description: `${USAGE_OPENAPI.info.description} Log origin: ${origin}.`,
  },
})

export const USAGE_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Usage log',
    version: '2.1.0',
    description:
      'Who queried a person’s data in this register: the X-Road client ' +
      'member and subsystem, the action and when. Each usage carries its ' +
      'salted record (RFC 8785 canonical JSON is its Merkle leaf data), ' +
      'its leaf index and an RFC 9162 inclusion proof against the latest ' +
      'witnessed checkpoint. Times are RFC 3339 in UTC.',
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
          '403': errorResponse(USAGE_ERRORS.NOT_YOUR_RECORDS.message),
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
    '/checkpoint': {
      get: {
        operationId: 'latestCheckpoint',
        summary: 'The newest signed checkpoint, with its cosignatures',
        responses: {
          '200': noteResponse,
          '404': errorResponse(USAGE_ERRORS.NO_CHECKPOINT.message),
        },
      },
    },
    '/checkpoint/{size}': {
      get: {
        operationId: 'checkpointBySize',
        summary: 'The signed checkpoint of one tree size',
        parameters: [
          { name: 'size', in: 'path', required: true, schema: sizeSchema },
        ],
        responses: {
          '200': noteResponse,
          '400': errorResponse(USAGE_ERRORS.INVALID_SIZE.message),
          '404': errorResponse(USAGE_ERRORS.NO_CHECKPOINT.message),
        },
      },
    },
    '/consistency': {
      get: {
        operationId: 'consistencyProof',
        summary: 'Proof that the tree of `to` leaves extends that of `from`',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: sizeSchema },
          { name: 'to', in: 'query', required: true, schema: sizeSchema },
        ],
        responses: {
          '200': {
            description: 'RFC 9162 consistency proof.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['from', 'to', 'proof'],
                  properties: {
                    from: sizeSchema,
                    to: sizeSchema,
                    proof: base64Hashes,
                  },
                },
              },
            },
          },
          '400': errorResponse(
            `${USAGE_ERRORS.INVALID_SIZE.message} (INVALID_SIZE, INVALID_PARAMETER)`,
          ),
          '404': errorResponse(USAGE_ERRORS.BEYOND_LOG.message),
        },
      },
    },
  },
  components: {
    schemas: {
      Usage: {
        type: 'object',
        required: [
          'logtime',
          'action',
          'receiverCode',
          'receiverSystem',
          'record',
          'leafIndex',
          'pending',
        ],
        properties: {
          record: {
            type: 'object',
            description:
              'The whole salted record (who, whose, what, why, when, ' +
              'messageId, visibleAfter, salt); the leaf hash is ' +
              'SHA-256(0x00 ‖ its RFC 8785 canonical JSON).',
          },
          leafIndex: { type: 'integer', minimum: 0 },
          pending: {
            type: 'boolean',
            description:
              'True until a witnessed checkpoint covers the record; a ' +
              'pending record has proof and treeSize null.',
          },
          proof: { ...base64Hashes, nullable: true },
          treeSize: {
            ...sizeSchema,
            nullable: true,
            description: 'The witnessed checkpoint size the proof leads to.',
          },
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
          checkpoint: {
            type: 'object',
            description:
              'The witnessed checkpoint the proofs lead to; absent until ' +
              'a witness has cosigned one.',
            required: ['size', 'note'],
            properties: { size: sizeSchema, note: string },
          },
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
