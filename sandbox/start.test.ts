import { sql, type Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ServiceManifest } from '../common/catalog/manifest.ts'
import { formatCheckpoint } from '../common/checkpoint/checkpoint.ts'
import { verifyCosignatures } from '../common/checkpoint/cosignature.ts'
import {
  formatVerifierKey,
  parseVerifierKey,
  verifierOf,
} from '../common/checkpoint/keys.ts'
import { signNote } from '../common/checkpoint/note.ts'
import {
  sandboxLogSigner,
  sandboxWitnessSigner,
} from '../common/checkpoint/sandboxKeys.ts'
import { leafHash } from '../common/merkle/hashes.ts'
import { submitCheckpoint } from '../providers/witness/client.ts'
import type { CatalogModule } from '../server/catalog/discover.ts'
import { openDatabase, type PortalDatabase } from '../server/db/database.ts'
import { POPULATION_SERVICE, startSandbox, type Sandbox } from './start.ts'

const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const TAX_SERVICE = 'ee-dev/GOV/70000349/tax/declarations'

const text = (en: string) => ({ et: en, en, ru: en })

/** A module that grants the portal the population register and stubs a tax service. */
const taxModule: CatalogModule = {
  folder: '/nowhere/tax-declaration',
  locales: {},
  manifest: {
    id: 'tax-declaration',
    agency: {
      name: text('Tax and Customs Board'),
      xroadMember: 'ee-dev/GOV/70000349',
    },
    title: text('Tax declaration'),
    description: text('Declare your income.'),
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
    providers: {
      [TAX_SERVICE]: (app) => {
        app.get('/declarations/:year', async (request) => ({
          year: (request.params as { year: string }).year,
          userId: request.headers['x-road-userid'],
        }))
      },
    },
    accessRights: [
      {
        client: PORTAL,
        service: POPULATION_SERVICE,
        methods: ['GET'],
        path: '/*',
      },
      {
        client: PORTAL,
        service: POPULATION_SERVICE,
        methods: ['GET'],
        path: '/*/family',
      },
      {
        client: PORTAL,
        service: TAX_SERVICE,
        methods: ['GET'],
        path: '/declarations/*',
      },
    ],
  },
}

let database: PortalDatabase
let sandbox: Sandbox

function call(path: string, client = PORTAL) {
  return fetch(`${sandbox.xroadEeUrl}${path}`, {
    headers: {
      'X-Road-Client': client,
      'X-Road-UserId': 'EE60001019906',
      'X-Road-Issue': 'PERSONAL_DATA_VIEW',
    },
  })
}

beforeAll(async () => {
  database = await openDatabase({ memory: true })
  sandbox = await startSandbox({
    db: database.db as Kysely<unknown>,
    ports: { xroadEe: 0, xroadFi: 0 },
    modules: [taxModule],
    portalClient: PORTAL,
    log: pino({ level: 'silent' }),
    today: new Date('2025-06-15T00:00:00Z'),
  })
})

afterAll(async () => {
  await sandbox?.close()
  await database?.close()
})

describe('the started sandbox', () => {
  it('sets up the EstCoin ledger’s tables on the same database', async () => {
    const { rows } = await sql<{ owner: string; balance: number }>`
      SELECT owner, balance FROM estcoin_accounts
    `.execute(database.db)
    expect(rows).toEqual([{ owner: 'treasury', balance: 0 }])
  })

  it('listens on loopback', () => {
    expect(sandbox.xroadEeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.xroadFiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.xroadFiUrl).not.toBe(sandbox.xroadEeUrl)
  })

  it('answers an r1 GET for a demo resident through the security server', async () => {
    const res = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/60001019906',
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('x-road-service')).toBe(POPULATION_SERVICE)
    expect(await res.json()).toMatchObject({
      personalCode: '60001019906',
      givenName: 'MARY ÄNN',
      familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
      address: { municipality: 'Tallinn' },
    })
  })

  it('answers the family but not the documents the rights leave out', async () => {
    const family = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/60001019906/family',
    )
    expect(family.status).toBe(200)
    expect((await family.json()).parents).toHaveLength(2)

    const documents = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/60001019906/documents',
    )
    expect(documents.status).toBe(403)
    expect(documents.headers.get('x-road-error')).toBe(
      'Server.ServerProxy.AccessDenied',
    )
  })

  it('grants nothing by default', async () => {
    const res = await call(
      '/r1/ee-dev/GOV/70008440/population/persons/60001019906',
      'ee-dev/GOV/70000002/someone-else',
    )
    expect(res.status).toBe(403)
  })

  it('serves the EstCoin ledger to the portal client only', async () => {
    const account = '/r1/ee-dev/GOV/70000272/estcoin/ledger/account'
    const mine = await call(account)
    expect(mine.status).toBe(200)
    expect(await mine.json()).toMatchObject({
      account: { personalCode: '60001019906' },
    })
    const other = await call(account, 'ee-dev/GOV/70000002/someone-else')
    expect(other.status).toBe(403)
  })

  it('runs a module’s stub provider behind the security server', async () => {
    const res = await call(
      '/r1/ee-dev/GOV/70000349/tax/declarations/declarations/2024',
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ year: '2024', userId: 'EE60001019906' })
  })

  it('describes the register through the metaservices', async () => {
    const methods = await call('/r1/ee-dev/GOV/70008440/population/listMethods')
    const list = (await methods.json()) as {
      service: { service_code: string; endpoint_list: unknown[] }[]
    }
    expect(list.service[0]?.service_code).toBe('persons')
    expect(list.service[0]?.endpoint_list).toEqual([
      { method: 'GET', path: '/*' },
      { method: 'GET', path: '/*/family' },
      { method: 'GET', path: '/*/documents' },
    ])

    const openApi = await call(
      '/r1/ee-dev/GOV/70008440/population/getOpenAPI?serviceCode=persons',
    )
    const description = (await openApi.json()) as {
      servers?: unknown
      paths: object
    }
    expect(description.servers).toBeUndefined()
    expect(Object.keys(description.paths)).toContain('/{personalCode}/family')

    const clients = await fetch(`${sandbox.xroadEeUrl}/listClients`)
    const members = (await clients.json()) as { member: { name: string }[] }
    expect(members.member.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'Siseministeerium',
        'Citizen Portal',
        'Maksu- ja Tolliamet',
      ]),
    )
  })

  it('finds residents and names the demo identities', async () => {
    const mary = await sandbox.residents.find('60001019906')
    expect(mary?.phoneNumber).toBe('+37200000766')
    expect(await sandbox.residents.find('38001085718')).toBeUndefined()

    const demo = sandbox.residents.demo()
    expect(demo[0]).toMatchObject({
      personalCode: '60001019906',
      name: 'MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER',
    })
    expect(demo.some((d) => d.kind === 'e-resident')).toBe(true)
  })

  it('runs a witness of every register usage log, with the public sandbox key', async () => {
    const { witness } = sandbox
    expect(witness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(witness.verifierKey).toBe(
      formatVerifierKey(verifierOf(sandboxWitnessSigner())),
    )
    const origin = 'ee-dev/GOV/70008440/population usage log'
    expect(witness.origins).toContain(origin)
    // The register's log sends each checkpoint to the witness to cosign.
    const log = sandbox.usageLogs.get('ee-dev/GOV/70008440/population')!
    await log.append({
      who: {
        client: 'ee-dev/GOV/70000001',
        memberCode: '70000001',
        subsystem: null,
      },
      whose: { personalCode: '60001019906' },
      what: {
        register: 'ee-dev/GOV/70008440/population',
        dataset: 'persons',
        action: 'persons.read',
      },
      why: null,
      when: new Date().toISOString(),
      messageId: 'witness-test',
    })
    const key = parseVerifierKey(witness.verifierKey)
    await vi.waitFor(
      async () => {
        const latest = (await log.latestCheckpoint())!
        const [cosignature] = verifyCosignatures(latest.note, [key])
        expect(cosignature?.witness).toBe(key.name)
      },
      { timeout: 10_000, interval: 50 },
    )
    // A log it does not witness is refused.
    const other = 'ee-dev/GOV/1/nothing usage log'
    await expect(
      submitCheckpoint(witness.url, {
        oldSize: 0,
        consistencyProof: [],
        note: signNote(
          formatCheckpoint({
            origin: other,
            size: 1,
            rootHash: leafHash(new Uint8Array()),
          }),
          sandboxLogSigner(other),
        ),
      }),
    ).rejects.toMatchObject({ status: 404 })
  })

  it('starts again on the same database without seeding twice', async () => {
    const again = await startSandbox({
      db: database.db as Kysely<unknown>,
      ports: { xroadEe: 0, xroadFi: 0 },
      modules: [],
      portalClient: PORTAL,
      log: pino({ level: 'silent' }),
    })
    try {
      expect(again.xroadEeUrl).not.toBe(sandbox.xroadEeUrl)
      expect(again.residents.demo()[0]?.personalCode).toBe('60001019906')
      // Without modules the portal has only the wallet's person lookup.
      const res = await fetch(
        `${again.xroadEeUrl}/r1/ee-dev/GOV/70008440/population/persons/60001019906/documents`,
        { headers: { 'X-Road-Client': PORTAL } },
      )
      expect(res.status).toBe(403)
    } finally {
      await again.close()
    }
    await expect(fetch(`${again.xroadEeUrl}/listClients`)).rejects.toThrow()
  })
})
