import type { FastifyInstance } from 'fastify'
import { listResidents } from '../../population/store.ts'
import { createRegisterApp, type RegisterOptions } from '../registerApp.ts'
import { RegisterError } from '../registerError.ts'
import { buildBusinessDirectory, type BusinessDirectory } from './directory.ts'
import { BUSINESS_OPENAPI } from './openApi.ts'
import { isValidRegistryCode } from './registryCode.ts'

const BUSINESS_ERRORS = {
  PERSON_NOT_FOUND: {
    status: 404,
    message: 'The Business Register has no person with this code.',
  },
  INVALID_REGISTRY_CODE: {
    status: 400,
    message: 'The registry code is not a valid Estonian registry code.',
  },
  COMPANY_NOT_FOUND: {
    status: 404,
    message: 'The Business Register has no company with this code.',
  },
} as const

/**
 * The sandbox Business Register (Äriregister, kept by Registrite ja
 * Infosüsteemide Keskus) as a REST provider: the companies a person has
 * roles in, and a company with its people by registry code. The register
 * is derived from the population once per app, on first use. Answers are
 * logged as uses of each person's data they show
 * (`business.roles.read`, `business.company.read`) first.
 */
export function buildBusinessProvider(
  options: RegisterOptions,
): FastifyInstance {
  const { app, db, today, person, record } = createRegisterApp({
    ...options,
    name: 'business register',
    errors: BUSINESS_ERRORS,
  })

  let directory: Promise<BusinessDirectory> | undefined
  const companies = () => {
    directory ??= Promise.all([listResidents(db), today()]).then(
      ([residents, day]) => buildBusinessDirectory(residents, day),
      (err: unknown) => {
        directory = undefined
        throw err
      },
    )
    return directory
  }

  app.get('/openapi.json', async () => BUSINESS_OPENAPI)

  app.get<{ Params: { personalCode: string } }>(
    '/persons/:personalCode/roles',
    async (request) => {
      const { personalCode } = request.params
      await person(request, personalCode, 'business.roles.read')
      return {
        personalCode,
        companies: (await companies()).companiesOf(personalCode),
      }
    },
  )

  app.get<{ Params: { registryCode: string } }>(
    '/companies/:registryCode',
    async (request) => {
      const { registryCode } = request.params
      if (!isValidRegistryCode(registryCode)) {
        throw new RegisterError('INVALID_REGISTRY_CODE')
      }
      const company = (await companies()).company(registryCode)
      if (!company) throw new RegisterError('COMPANY_NOT_FOUND')
      const shown = new Set(company.people.map((p) => p.personalCode))
      for (const code of shown) {
        await record(request, code, 'business.company.read')
      }
      return company
    },
  )

  return app
}
