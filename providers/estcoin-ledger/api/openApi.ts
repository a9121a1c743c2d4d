/** OpenAPI 3 description of the EstCoin ledger's X-Road service. */

const error = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
})

const json = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
})

const cents = { type: 'integer', description: 'Cents (1/100 EST).' }

const account = {
  type: 'object',
  required: ['personalCode', 'balance', 'entryCount', 'headHash', 'openedAt'],
  properties: {
    personalCode: { type: 'string' },
    balance: cents,
    entryCount: { type: 'integer' },
    headHash: { type: 'string', description: 'Hex hash of the last entry.' },
    openedAt: { type: 'string', format: 'date-time' },
  },
}

const entry = {
  type: 'object',
  required: [
    'seq',
    'transferId',
    'counterparty',
    'amount',
    'balanceAfter',
    'description',
    'createdAt',
    'prevHash',
    'hash',
  ],
  properties: {
    seq: { type: 'integer' },
    transferId: { type: 'string', format: 'uuid' },
    counterparty: {
      type: 'string',
      description: 'A personal code, or `treasury`.',
    },
    amount: { ...cents, description: 'Negative when sent.' },
    balanceAfter: cents,
    description: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
}

const transfer = {
  type: 'object',
  required: ['transfer', 'created'],
  properties: {
    transfer: {
      type: 'object',
      required: ['id', 'from', 'to', 'amount', 'description', 'createdAt'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        from: { type: 'string' },
        to: { type: 'string' },
        amount: cents,
        description: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    created: {
      type: 'boolean',
      description: 'False when this answers a retry of a known id.',
    },
  },
}

const userIdNote =
  'The account is always that of the X-Road user (`X-Road-UserId`, EE + ' +
  'personal code), as the client’s security server vouches for it.'

export const LEDGER_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'EstCoin ledger',
    version: '1.0.0',
    description:
      'Accounts and transfers of EstCoin, in integer cents. ' + userIdNote,
  },
  paths: {
    '/account': {
      get: {
        operationId: 'getAccount',
        summary:
          'The user’s account, opened with the welcome grant on first use',
        responses: {
          '200': json('The account.', {
            type: 'object',
            required: ['account', 'signatureThreshold'],
            properties: { account, signatureThreshold: cents },
          }),
          '400': error('X-Road-UserId is not valid.'),
        },
      },
    },
    '/history': {
      get: {
        operationId: 'getHistory',
        summary: 'A page of the user’s entries, newest first',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100 },
          },
          {
            name: 'before',
            in: 'query',
            description: 'Only entries numbered below this (`next`).',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          '200': json('The page; `next` continues it, null at the end.', {
            type: 'object',
            required: ['entries', 'next'],
            properties: {
              entries: { type: 'array', items: entry },
              next: { type: ['integer', 'null'] },
            },
          }),
          '400': error('Bad paging or X-Road-UserId (PAGING_INVALID).'),
        },
      },
    },
    '/statements/{month}': {
      get: {
        operationId: 'getStatement',
        summary: 'The user’s statement of a Europe/Tallinn month',
        parameters: [
          {
            name: 'month',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
          },
        ],
        responses: {
          '200': json('The statement.', {
            type: 'object',
            required: [
              'month',
              'start',
              'end',
              'openingBalance',
              'entries',
              'closingBalance',
            ],
            properties: {
              month: { type: 'string' },
              start: { type: 'string', format: 'date-time' },
              end: { type: 'string', format: 'date-time' },
              openingBalance: cents,
              entries: { type: 'array', items: entry },
              closingBalance: cents,
            },
          }),
          '400': error('Not a month (MONTH_INVALID).'),
        },
      },
    },
    '/recipients/{personalCode}': {
      get: {
        operationId: 'checkRecipient',
        summary: 'Whether a person has an account (anyone valid can get one)',
        parameters: [
          {
            name: 'personalCode',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json('The recipient.', {
            type: 'object',
            required: ['personalCode', 'hasAccount'],
            properties: {
              personalCode: { type: 'string' },
              hasAccount: { type: 'boolean' },
            },
          }),
          '400': error('Not a valid personal code (PERSONAL_CODE_INVALID).'),
        },
      },
    },
    '/transfers': {
      post: {
        operationId: 'transfer',
        summary: 'Sends EstCoin from the user’s account; idempotent by id',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'to', 'amount', 'description'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  to: { type: 'string' },
                  amount: { ...cents, minimum: 1 },
                  description: { type: 'string', maxLength: 140 },
                  openRecipient: {
                    type: 'boolean',
                    description:
                      'Open the recipient’s account if they have none; ' +
                      'the client has checked that they exist.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': json('Made.', transfer),
          '200': json('Made before, with this id and these details.', transfer),
          '400': error(
            'TRANSFER_ID_INVALID, PERSONAL_CODE_INVALID, SELF_TRANSFER, ' +
              'AMOUNT_INVALID, DESCRIPTION_INVALID or REQUEST_INVALID.',
          ),
          '403': error('SIGNATURE_REQUIRED: above the signature threshold.'),
          '404': error('RECIPIENT_UNKNOWN: no account, openRecipient unset.'),
          '409': error('INSUFFICIENT_FUNDS or TRANSFER_ID_REUSED.'),
        },
      },
    },
  },
} as const
