/**
 * A request that a register explain one use of a person's data, as the
 * portal sends it and a register's `explainUsage` service checks it: one
 * JSON schema for both sides.
 */

const text = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength }) as const

/** The use asked about, as the citizen's timeline showed it. */
export const askedUsageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['logtime', 'action', 'receiverCode', 'receiverSystem'],
  properties: {
    logtime: { type: 'string', format: 'date-time' },
    action: text(200),
    receiverCode: text(64),
    receiverSystem: text(200),
    receiverName: text(200),
    why: text(200),
  },
} as const

/** The request's fields besides the register it goes to. */
export const explanationRequestProperties = {
  id: { type: 'string', format: 'uuid' },
  language: { type: 'string', enum: ['et', 'en', 'ru'] },
  question: { type: 'string', maxLength: 1000 },
  usage: askedUsageSchema,
} as const
