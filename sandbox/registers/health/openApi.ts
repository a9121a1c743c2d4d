import {
  date,
  errorSchema,
  integer,
  listOf,
  personalCodeParameter,
  personResponses,
  record,
  string,
} from '../openApiParts.ts'

/** OpenAPI 3 description of the sandbox Health Insurance Fund register. */
export const HEALTH_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Tervisekassa: health insurance and prescriptions (sandbox)',
    version: '1.0.0',
    description:
      'Synthetic health insurance status and digital prescriptions of ' +
      'residents of the sandbox. JSON only.',
  },
  paths: {
    '/persons/{personalCode}/insurance': {
      get: {
        operationId: 'getInsurance',
        summary: 'Whether the person is insured, on what basis, until when',
        parameters: [personalCodeParameter],
        responses: personResponses('Insurance'),
      },
    },
    '/persons/{personalCode}/prescriptions': {
      get: {
        operationId: 'getPrescriptions',
        summary: "The person's prescriptions of the last year, newest first",
        parameters: [personalCodeParameter],
        responses: personResponses('Prescriptions'),
      },
    },
  },
  components: {
    schemas: {
      Insurance: record({
        personalCode: string,
        insured: { type: 'boolean' },
        basis: {
          type: 'string',
          nullable: true,
          enum: [
            'employment',
            'minor',
            'student',
            'pensioner',
            'registered-unemployed',
            'parent-of-young-child',
            null,
          ],
        },
        validUntil: {
          ...date,
          nullable: true,
          description: 'Null when not insured, or insured without an end.',
        },
      }),
      Prescription: record({
        number: string,
        drug: string,
        activeSubstance: string,
        reimbursement: { ...integer, description: 'Per cent of the price.' },
        prescribedOn: date,
        validUntil: date,
        status: { type: 'string', enum: ['valid', 'dispensed', 'expired'] },
        dispensedOn: { ...date, nullable: true },
      }),
      Prescriptions: record({
        personalCode: string,
        prescriptions: listOf('Prescription'),
      }),
      Error: errorSchema,
    },
  },
} as const
