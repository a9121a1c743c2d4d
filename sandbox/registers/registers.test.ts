import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import type { CatalogModule } from '../../server/catalog/discover.ts'
import { openDatabase, type PortalDatabase } from '../../server/db/database.ts'
import { startSandbox, type Sandbox } from '../start.ts'
import { MARY, TEST_TODAY } from './registerTestKit.ts'
import {
  BUSINESS_SERVICE,
  HEALTH_SERVICE,
  TAX_SERVICE,
  VEHICLES_SERVICE,
} from './services.ts'

const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const text = (en: string) => ({ et: en, en, ru: en })

/** A module fixture whose sandbox part grants the portal the registers. */
const registersModule: CatalogModule = {
  folder: '/nowhere/registers-fixture',
  locales: {},
  manifest: {
    id: 'registers-fixture',
    agency: {
      name: text('Tax and Customs Board'),
      xroadMember: 'ee-dev/GOV/70000349',
    },
    title: text('Registers fixture'),
    description: text('Grants the portal the sandbox registers.'),
    lifeEvent: 'work-and-taxes',
    assurance: 'substantial',
    routes: [],
    services: [],
    offline: 'none',
    status: 'alpha',
    contact: { email: 'info@emta.ee' },
    accessibility: { conformance: 'full', statement: text('Accessible.') },
  } satisfies ServiceManifest,
  sandbox: {
    accessRights: [
      {
        client: PORTAL,
        service: TAX_SERVICE,
        methods: ['GET'],
        path: '/persons/*/income',
      },
      {
        client: PORTAL,
        service: TAX_SERVICE,
        methods: ['GET', 'POST'],
        path: '/persons/*/declarations/*',
      },
      {
        client: PORTAL,
        service: HEALTH_SERVICE,
        methods: ['GET'],
        path: '/persons/*/insurance',
      },
      {
        client: PORTAL,
        service: BUSINESS_SERVICE,
        methods: ['GET'],
        path: '/persons/*/roles',
      },
      {
        client: PORTAL,
        service: VEHICLES_SERVICE,
        methods: ['GET'],
        path: '/persons/*/vehicles',
      },
    ],
  },
}

let database: PortalDatabase
let sandbox: Sandbox

function call(service: string, path: string, init: RequestInit = {}) {
  return fetch(`${sandbox.xroadEeUrl}/r1/${service}${path}`, {
    ...init,
    headers: {
      'X-Road-Client': PORTAL,
      'X-Road-UserId': `EE${MARY}`,
      'X-Road-Issue': 'PERSONAL_DATA_VIEW',
      ...init.headers,
    },
  })
}

beforeAll(async () => {
  database = await openDatabase({ memory: true })
  sandbox = await startSandbox({
    db: database.db as Kysely<unknown>,
    ports: { xroadEe: 0, xroadFi: 0 },
    modules: [registersModule],
    portalClient: PORTAL,
    log: pino({ level: 'silent' }),
    today: TEST_TODAY,
  })
})

afterAll(async () => {
  await sandbox?.close()
  await database?.close()
})

describe('the registers behind the ee-dev security server', () => {
  it('answer r1 calls the access rights allow', async () => {
    const income = await call(TAX_SERVICE, `/persons/${MARY}/income?year=2024`)
    expect(income.status).toBe(200)
    expect(income.headers.get('x-road-service')).toBe(TAX_SERVICE)
    expect(income.headers.get('cache-control')).toBe('no-store')
    expect(await income.json()).toMatchObject({
      personalCode: MARY,
      year: 2024,
    })

    const insurance = await call(HEALTH_SERVICE, `/persons/${MARY}/insurance`)
    expect(await insurance.json()).toMatchObject({ insured: true })
    const roles = await call(BUSINESS_SERVICE, `/persons/${MARY}/roles`)
    expect(roles.status).toBe(200)
    const vehicles = await call(VEHICLES_SERVICE, `/persons/${MARY}/vehicles`)
    expect(await vehicles.json()).toMatchObject({ personalCode: MARY })
  })

  it('take a declaration through the security server', async () => {
    const submitted = await call(
      TAX_SERVICE,
      `/persons/${MARY}/declarations/2024`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: 'through-xroad-1',
          iban: 'EE382200221020145685',
        }),
      },
    )
    expect(submitted.status).toBe(201)
    expect(await submitted.json()).toMatchObject({
      personalCode: MARY,
      year: 2024,
      status: 'accepted',
    })
  })

  it('are refused where the rights stop', async () => {
    const prescriptions = await call(
      HEALTH_SERVICE,
      `/persons/${MARY}/prescriptions`,
    )
    expect(prescriptions.status).toBe(403)
    expect(prescriptions.headers.get('x-road-error')).toBe(
      'Server.ServerProxy.AccessDenied',
    )
    const company = await call(BUSINESS_SERVICE, '/companies/70000349')
    expect(company.status).toBe(403)
  })

  it('are listed with their OpenAPI endpoints and official names', async () => {
    const methods = await call('ee-dev/GOV/70000349/emta', '/listMethods')
    const list = (await methods.json()) as {
      service: { service_code: string; endpoint_list: unknown[] }[]
    }
    expect(list.service).toEqual([
      expect.objectContaining({
        service_code: 'income-tax',
        endpoint_list: [
          { method: 'GET', path: '/persons/*/income' },
          { method: 'GET', path: '/persons/*/declarations/*' },
          { method: 'POST', path: '/persons/*/declarations/*' },
          { method: 'GET', path: '/persons/*/declarations/*/status' },
        ],
      }),
      expect.objectContaining({ service_code: 'findUsage' }),
      expect.objectContaining({ service_code: 'explainUsage' }),
    ])

    const clients = await fetch(`${sandbox.xroadEeUrl}/listClients`)
    const members = (await clients.json()) as { member: { name: string }[] }
    expect(members.member.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'Maksu- ja Tolliamet',
        'Tervisekassa',
        'Registrite ja Infosüsteemide Keskus',
        'Transpordiamet',
      ]),
    )
  })
})
