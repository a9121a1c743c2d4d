/** Pieces the registers' OpenAPI 3 descriptions share. */

/** The `{personalCode}` path parameter. */
export const personalCodeParameter = {
  name: 'personalCode',
  in: 'path',
  required: true,
  description: 'Estonian personal code (isikukood), 11 digits.',
  schema: { type: 'string', pattern: '^[1-8][0-9]{10}$' },
} as const

/** A response with an `Error` body. */
export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
})

/** A 200 (or other) JSON response of one schema. */
export const jsonResponse = (schema: string, description = 'Found.') => ({
  description,
  content: {
    'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
  },
})

/** The answers every person route may give besides its own. */
export const personResponses = (schema: string) => ({
  '200': jsonResponse(schema),
  '400': errorResponse('The personal code is not valid.'),
  '404': errorResponse('No person has this personal code.'),
  '406': errorResponse('The client does not accept JSON.'),
})

/** `{error: {code, message}}`. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const

export const string = { type: 'string' } as const
export const date = { type: 'string', format: 'date' } as const
export const euros = {
  type: 'number',
  description: 'Euros, two decimals.',
} as const
export const integer = { type: 'integer' } as const

/** An object schema whose properties are all required. */
export function record(properties: Record<string, unknown>) {
  return {
    type: 'object',
    required: Object.keys(properties),
    properties,
  } as const
}

/** A reference to a schema of the same description. */
export const ref = (schema: string) =>
  ({ $ref: `#/components/schemas/${schema}` }) as const

/** An array of a referenced schema. */
export const listOf = (schema: string) =>
  ({ type: 'array', items: ref(schema) }) as const

/** A nullable reference. */
export const nullableRef = (schema: string) =>
  ({ nullable: true, allOf: [ref(schema)] }) as const
