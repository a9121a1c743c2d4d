import type { FastifyInstance } from 'fastify'
import { createRegisterApp, type RegisterOptions } from '../registerApp.ts'
import { RegisterError } from '../registerError.ts'
import {
  calculate,
  payerIncomes,
  prefilledDeclaration,
  type PrefilledDeclaration,
} from './declaration.ts'
import { TAX_OPENAPI } from './openApi.ts'
import { parseSubmission } from './submissionRequest.ts'
import {
  latestSubmission,
  requestHash,
  storeSubmission,
  type SubmissionReceipt,
} from './submissionStore.ts'

/** The Tax and Customs Board register's own errors. */
const TAX_ERRORS = {
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The Tax and Customs Board has no person with this code.',
  },
  INVALID_YEAR: {
    status: 400,
    message: 'The year must be a tax year from 2017 to the current one.',
  },
  DECLARATION_NOT_AVAILABLE: {
    status: 404,
    message:
      'Declarations can be seen and submitted for the last three finished years.',
  },
  INVALID_DECLARATION: {
    status: 400,
    message: 'The declaration is not valid.',
  },
  MISSING_IBAN: {
    status: 400,
    message: 'A refund is due: give the bank account (iban) to pay it to.',
  },
  CLIENT_ID_REUSED: {
    status: 409,
    message: 'This clientId was already used for a different submission.',
  },
} as const

/** The first year the register has income for. */
const FIRST_YEAR = 2017

/** How many finished years can be declared or corrected. */
const DECLARABLE_YEARS = 3

function parseYear(text: string | undefined, today: Date): number {
  const year = Number(text)
  if (
    !/^\d{4}$/.test(text ?? '') ||
    year < FIRST_YEAR ||
    year > today.getUTCFullYear()
  ) {
    throw new RegisterError('INVALID_YEAR')
  }
  return year
}

/** A year that has a declaration: one of the last finished years. */
function declarableYear(text: string, today: Date): number {
  const year = Number(text)
  if (!/^\d{4}$/.test(text)) throw new RegisterError('INVALID_YEAR')
  const current = today.getUTCFullYear()
  if (year >= current || year < current - DECLARABLE_YEARS) {
    throw new RegisterError('DECLARATION_NOT_AVAILABLE')
  }
  return year
}

type PersonParams = { personalCode: string }
type YearParams = PersonParams & { year: string }

/**
 * The sandbox Tax and Customs Board (Maksu- ja Tolliamet) as a REST
 * provider: income by payer for a year, the pre-filled income tax
 * declaration of a finished year, submitting it (idempotent by the
 * client's id) and its status. Every answer about a person is logged as a
 * use of their data (`tax.income.read`, `tax.declaration.read`,
 * `tax.declaration.submit`, `tax.declaration-status.read`) first.
 */
export function buildTaxProvider(options: RegisterOptions): FastifyInstance {
  const { app, db, today, person } = createRegisterApp({
    ...options,
    name: 'tax register',
    errors: TAX_ERRORS,
  })

  app.get('/openapi.json', async () => TAX_OPENAPI)

  app.get<{ Params: PersonParams; Querystring: { year?: string } }>(
    '/persons/:personalCode/income',
    async (request) => {
      const day = await today()
      const year = parseYear(request.query.year, day)
      const { personalCode } = request.params
      const found = await person(request, personalCode, 'tax.income.read')
      const incomes = payerIncomes(found, year, day)
      const total = (pick: (i: (typeof incomes)[number]) => number) =>
        Math.round(incomes.reduce((sum, i) => sum + pick(i) * 100, 0)) / 100
      return {
        personalCode,
        year,
        currency: 'EUR',
        incomes,
        grossIncome: total((i) => i.grossIncome),
        incomeTaxWithheld: total((i) => i.incomeTaxWithheld),
      }
    },
  )

  const declaration = async (
    params: YearParams,
    find: (code: string) => ReturnType<typeof person>,
  ): Promise<PrefilledDeclaration> => {
    const day = await today()
    const year = declarableYear(params.year, day)
    const found = await find(params.personalCode)
    return prefilledDeclaration(found, year, day)
  }

  app.get<{ Params: YearParams }>(
    '/persons/:personalCode/declarations/:year',
    (request) =>
      declaration(request.params, (code) =>
        person(request, code, 'tax.declaration.read'),
      ),
  )

  app.post<{ Params: YearParams }>(
    '/persons/:personalCode/declarations/:year',
    async (request, reply) => {
      const submitted = parseSubmission(request.body)
      const prefilled = await declaration(request.params, (code) =>
        person(request, code, 'tax.declaration.submit'),
      )
      const calculation = submitted.deductions
        ? calculate(prefilled.year, prefilled.incomes, submitted.deductions)
        : prefilled.calculation
      if (calculation.refund > 0 && submitted.iban === null) {
        throw new RegisterError('MISSING_IBAN')
      }

      const { receipt, created } = await storeSubmission(db, {
        personalCode: prefilled.personalCode,
        year: prefilled.year,
        clientId: submitted.clientId,
        hash: requestHash([prefilled.year, submitted.iban, calculation]),
        receipt: (submissionId, submittedAt): SubmissionReceipt => ({
          submissionId,
          clientId: submitted.clientId,
          personalCode: prefilled.personalCode,
          year: prefilled.year,
          submittedAt,
          status: 'accepted',
          incomeTax: calculation.incomeTax,
          incomeTaxWithheld: calculation.incomeTaxWithheld,
          refund: calculation.refund,
          payable: calculation.payable,
          iban: calculation.refund > 0 ? submitted.iban : null,
          paymentDueBy: calculation.payable > 0 ? prefilled.paymentDueBy : null,
        }),
      })
      return reply.code(created ? 201 : 200).send(receipt)
    },
  )

  app.get<{ Params: YearParams }>(
    '/persons/:personalCode/declarations/:year/status',
    async (request) => {
      const day = await today()
      const year = declarableYear(request.params.year, day)
      const { personalCode } = request.params
      await person(request, personalCode, 'tax.declaration-status.read')
      const receipt = await latestSubmission(db, personalCode, year)
      return {
        personalCode,
        year,
        status: receipt ? 'submitted' : 'not-submitted',
        submissionDeadline: `${year + 1}-04-30`,
        receipt: receipt ?? null,
      }
    },
  )

  return app
}
