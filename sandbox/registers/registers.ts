import type { FastifyInstance } from 'fastify'
import { buildBusinessProvider } from './business/provider.ts'
import { BUSINESS_OPENAPI } from './business/openApi.ts'
import { buildHealthProvider } from './health/provider.ts'
import { HEALTH_OPENAPI } from './health/openApi.ts'
import type { RegisterOptions } from './registerApp.ts'
import {
  BUSINESS_SERVICE,
  HEALTH_SERVICE,
  TAX_SERVICE,
  VEHICLES_SERVICE,
} from './services.ts'
import { TAX_OPENAPI } from './tax/openApi.ts'
import { buildTaxProvider } from './tax/provider.ts'
import { VEHICLES_OPENAPI } from './vehicles/openApi.ts'
import { buildVehiclesProvider } from './vehicles/provider.ts'

/** One built register, ready to listen behind the security server. */
export interface BuiltRegister {
  /** Its X-Road service id. */
  service: string
  app: FastifyInstance
  /** Its OpenAPI description, also served at `/openapi.json`. */
  openApi: unknown
}

/**
 * Builds the sandbox's agency registers (tax, health insurance, business,
 * vehicles) on the sandbox database, without listening.
 */
export function buildRegisters(
  options: RegisterOptions & {
    /** A logger for each register, by service id. */
    logFor?: (service: string) => RegisterOptions['log']
  },
): BuiltRegister[] {
  const { logFor, ...shared } = options
  const built = (
    service: string,
    build: (options: RegisterOptions) => FastifyInstance,
    openApi: unknown,
  ): BuiltRegister => ({
    service,
    app: build({ ...shared, log: logFor?.(service) ?? shared.log }),
    openApi,
  })
  return [
    built(TAX_SERVICE, buildTaxProvider, TAX_OPENAPI),
    built(HEALTH_SERVICE, buildHealthProvider, HEALTH_OPENAPI),
    built(BUSINESS_SERVICE, buildBusinessProvider, BUSINESS_OPENAPI),
    built(VEHICLES_SERVICE, buildVehiclesProvider, VEHICLES_OPENAPI),
  ]
}
