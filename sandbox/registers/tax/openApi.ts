import {
  date,
  errorResponse,
  errorSchema,
  euros,
  integer,
  jsonResponse,
  listOf,
  nullableRef,
  personalCodeParameter,
  personResponses,
  record,
  ref,
  string,
} from '../openApiParts.ts'

const yearInPath = {
  name: 'year',
  in: 'path',
  required: true,
  description: 'The tax year, e.g. 2024.',
  schema: { type: 'integer', minimum: 2017 },
} as const

const declarationResponses = (schema: string) => ({
  ...personResponses(schema),
  '404': errorResponse(
    'No person has this code, or the year has no declaration to submit.',
  ),
})

const deductions = record({
  trainingExpenses: euros,
  housingLoanInterest: euros,
  donations: euros,
})

/** OpenAPI 3 description of the sandbox Tax and Customs Board register. */
export const TAX_OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Maksu- ja Tolliamet: income and income tax (sandbox)',
    version: '1.0.0',
    description:
      'Synthetic income by payer, the pre-filled income tax declaration, ' +
      'its submission and status, for residents of the sandbox. Amounts in ' +
      'euros. JSON only.',
  },
  paths: {
    '/persons/{personalCode}/income': {
      get: {
        operationId: 'getIncome',
        summary: 'Income paid to a person in one year, by payer',
        parameters: [
          personalCodeParameter,
          {
            name: 'year',
            in: 'query',
            required: true,
            schema: { type: 'integer', minimum: 2017 },
          },
        ],
        responses: {
          ...personResponses('Income'),
          '400': errorResponse('The personal code or the year is not valid.'),
        },
      },
    },
    '/persons/{personalCode}/declarations/{year}': {
      get: {
        operationId: 'getDeclaration',
        summary: 'The pre-filled income tax declaration of a finished year',
        parameters: [personalCodeParameter, yearInPath],
        responses: declarationResponses('Declaration'),
      },
      post: {
        operationId: 'submitDeclaration',
        summary:
          'Submits the declaration; a retry with the same clientId answers ' +
          'the first receipt',
        parameters: [personalCodeParameter, yearInPath],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('SubmissionRequest') },
          },
        },
        responses: {
          '201': jsonResponse('Receipt', 'Submitted.'),
          '200': jsonResponse(
            'Receipt',
            'Submitted before with this clientId.',
          ),
          '400': errorResponse(
            'INVALID_DECLARATION, MISSING_IBAN or an invalid personal code.',
          ),
          '404': errorResponse('Unknown person, or no declaration that year.'),
          '406': errorResponse('The client does not accept JSON.'),
          '409': errorResponse(
            'CLIENT_ID_REUSED: this clientId was used for other content.',
          ),
        },
      },
    },
    '/persons/{personalCode}/declarations/{year}/status': {
      get: {
        operationId: 'getDeclarationStatus',
        summary: 'Whether the declaration was submitted, and the receipt',
        parameters: [personalCodeParameter, yearInPath],
        responses: declarationResponses('DeclarationStatus'),
      },
    },
  },
  components: {
    schemas: {
      Payer: record({ registryCode: string, name: string }),
      PayerIncome: record({
        payer: ref('Payer'),
        type: { type: 'string', enum: ['salary', 'pension'] },
        months: integer,
        grossIncome: euros,
        unemploymentInsurance: euros,
        fundedPension: euros,
        incomeTaxWithheld: euros,
      }),
      Income: record({
        personalCode: string,
        year: integer,
        currency: { type: 'string', enum: ['EUR'] },
        incomes: listOf('PayerIncome'),
        grossIncome: euros,
        incomeTaxWithheld: euros,
      }),
      Deductions: deductions,
      Calculation: record({
        grossIncome: euros,
        unemploymentInsurance: euros,
        fundedPension: euros,
        basicExemption: euros,
        deductions: ref('Deductions'),
        deductionsAllowed: euros,
        taxableIncome: euros,
        incomeTaxRate: { type: 'number' },
        incomeTax: euros,
        incomeTaxWithheld: euros,
        refund: euros,
        payable: euros,
      }),
      Declaration: record({
        personalCode: string,
        year: integer,
        incomes: listOf('PayerIncome'),
        calculation: ref('Calculation'),
        submissionDeadline: date,
        paymentDueBy: date,
      }),
      SubmissionRequest: {
        type: 'object',
        required: ['clientId'],
        additionalProperties: false,
        properties: {
          clientId: {
            type: 'string',
            pattern: '^[A-Za-z0-9_-]{8,64}$',
            description: 'Chosen by the client; retries send the same one.',
          },
          iban: {
            type: 'string',
            nullable: true,
            description: 'Required when a refund is due.',
          },
          deductions: {
            nullable: true,
            allOf: [ref('Deductions')],
            description: 'Omitted: the pre-filled deductions are accepted.',
          },
        },
      },
      Receipt: record({
        submissionId: string,
        clientId: string,
        personalCode: string,
        year: integer,
        submittedAt: { type: 'string', format: 'date-time' },
        status: { type: 'string', enum: ['accepted'] },
        incomeTax: euros,
        incomeTaxWithheld: euros,
        refund: euros,
        payable: euros,
        iban: { type: 'string', nullable: true },
        paymentDueBy: { ...date, nullable: true },
      }),
      DeclarationStatus: record({
        personalCode: string,
        year: integer,
        status: { type: 'string', enum: ['not-submitted', 'submitted'] },
        submissionDeadline: date,
        receipt: nullableRef('Receipt'),
      }),
      Error: errorSchema,
    },
  },
} as const
