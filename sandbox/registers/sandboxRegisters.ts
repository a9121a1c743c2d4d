/**
 * The registers the sandbox runs behind its security servers. Each keeps
 * a usage log: the sandbox hands it a recorder, and offers the log as the
 * register subsystem's `findUsage` service. Adding a register is adding
 * an entry here.
 */

import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import {
  buildIncomeProvider,
  INCOME_OPENAPI,
} from '../finland/incomeProvider.ts'
import { POPULATION_OPENAPI } from '../population/openApi.ts'
import { buildPopulationProvider } from '../population/provider.ts'
import type { UsageRecorder } from '../../providers/usage-log/recorder.ts'
import { BUSINESS_OPENAPI } from './business/openApi.ts'
import { buildBusinessProvider } from './business/provider.ts'
import { HEALTH_OPENAPI } from './health/openApi.ts'
import { buildHealthProvider } from './health/provider.ts'
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

/** The Finnish Tax Administration (Verohallinto). */
export const FI_TAX_MEMBER = 'FI-TEST/GOV/0245437-2'

/** Verohallinto's income service (a stub): `/{personalCode}?year=`. */
export const FI_INCOME_SERVICE = `${FI_TAX_MEMBER}/verohallinto/income`

/** The population register's member (Ministry of the Interior). */
export const POPULATION_MEMBER = 'ee-dev/GOV/70008440'

/** The population register's service: `/persons/{code}[/family|/documents]`. */
export const POPULATION_SERVICE = `${POPULATION_MEMBER}/population/persons`

/** What the sandbox gives a register when it builds it. */
export interface RegisterContext {
  /** The sandbox's database, already migrated and seeded. */
  db: Kysely<unknown>
  log: FastifyBaseLogger
  /** Writes to this register subsystem's usage log. */
  recordUsage: UsageRecorder
  /** The day the population was counted from when seeding. */
  today: Date
}

/** A register the sandbox runs, and how to reach it. */
export interface SandboxRegister {
  /** Its X-Road service, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`. */
  service: string
  /** Its member's name, for listClients and usage records' receiverName. */
  memberName: string
  /** Its OpenAPI description, served at `/openapi.json`. */
  openApi: object
  /** Where the service's paths begin on the provider, e.g. `/persons`. */
  basePath?: string
  build(context: RegisterContext): FastifyInstance
}

/** Every register the sandbox starts, in the order listMethods shows. */
export const SANDBOX_REGISTERS: readonly SandboxRegister[] = [
  {
    service: POPULATION_SERVICE,
    memberName: 'Siseministeerium',
    openApi: POPULATION_OPENAPI,
    basePath: '/persons',
    build: ({ db, log, recordUsage }) =>
      buildPopulationProvider({ db, log, recordUsage }),
  },
  {
    service: FI_INCOME_SERVICE,
    memberName: 'Verohallinto',
    openApi: INCOME_OPENAPI,
    build: ({ log, recordUsage, today }) =>
      buildIncomeProvider(log, { recordUsage, today }),
  },
  {
    service: TAX_SERVICE,
    memberName: 'Maksu- ja Tolliamet',
    openApi: TAX_OPENAPI,
    build: ({ db, log, recordUsage }) =>
      buildTaxProvider({ db, log, recordUsage }),
  },
  {
    service: HEALTH_SERVICE,
    memberName: 'Tervisekassa',
    openApi: HEALTH_OPENAPI,
    build: ({ db, log, recordUsage }) =>
      buildHealthProvider({ db, log, recordUsage }),
  },
  {
    service: BUSINESS_SERVICE,
    memberName: 'Registrite ja Infosüsteemide Keskus',
    openApi: BUSINESS_OPENAPI,
    build: ({ db, log, recordUsage }) =>
      buildBusinessProvider({ db, log, recordUsage }),
  },
  {
    service: VEHICLES_SERVICE,
    memberName: 'Transpordiamet',
    openApi: VEHICLES_OPENAPI,
    build: ({ db, log, recordUsage }) =>
      buildVehiclesProvider({ db, log, recordUsage }),
  },
]
