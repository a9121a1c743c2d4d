import type { Kysely } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import type { CatalogModule } from '../../server/catalog/discover.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import {
  FI_INCOME_SERVICE,
  findUsageServiceOf,
  POPULATION_SERVICE,
  startSandbox,
  type Sandbox,
} from '../start.ts'
import { canonicalJsonBytes } from '../../common/canonicalJson.ts'
import { fromBase64 } from '../../common/checkpoint/base64.ts'
import { parseCheckpoint } from '../../common/checkpoint/checkpoint.ts'
import { verifyCosignatures } from '../../common/checkpoint/cosignature.ts'
import { parseVerifierKey } from '../../common/checkpoint/keys.ts'
import { verifyNote } from '../../common/checkpoint/note.ts'
import { leafHash } from '../../common/merkle/hashes.ts'
import { verifyInclusion } from '../../common/merkle/verify.ts'

const PORTAL = 'ee-dev/GOV/70000001/citizen-portal'
const MARY = '60001019906'
const OTHER_RESIDENT = '60001017869'
const POPULATION_USAGE = 'ee-dev/GOV/70008440/population/findUsage'
const INCOME_USAGE = 'FI-TEST/GOV/0245437-2/verohallinto/findUsage'

const text = (en: string) => ({ et: en, en, ru: en })

/** A module granting the portal the population register and FI income. */
const module: CatalogModule = {
  folder: '/nowhere/data-tracker-test',
  locales: {},
  manifest: {
    id: 'data-tracker-test',
    agency: {
      name: text('Information System Authority'),
      xroadMember: 'ee-dev/GOV/70006317',
    },
    title: text('Data tracker test'),
    description: text('Reads data so that it is logged.'),
    lifeEvent: 'work-and-taxes',
    assurance: 'substantial',
    routes: [],
    services: [],
    offline: 'none',
    status: 'alpha',
    contact: { email: 'info@ria.ee' },
    accessibility: { conformance: 'full', statement: text('Accessible.') },
  } satisfies ServiceManifest,
  sandbox: {
    accessRights: [
      ...['/*', '/*/family', '/*/documents'].map((path) => ({
        client: PORTAL,
        service: POPULATION_SERVICE,
        methods: ['GET'],
        path,
      })),
      {
        client: PORTAL,
        service: FI_INCOME_SERVICE,
        methods: ['GET'],
        path: '/*',
      },
    ],
  },
}

/**
 * A usage's proof fields as they must be: pending with no proof, or proven
 * against a tree that holds its leaf.
 */
function provenOrPending(usage: unknown) {
  const u = usage as { pending?: unknown; leafIndex?: number }
  return u.pending === false
    ? {
        pending: false,
        proof: expect.any(Array),
        treeSize: expect.toSatisfy((size: number) => size > (u.leafIndex ?? 0)),
      }
    : { pending: true, proof: null, treeSize: null }
}

interface UsagesAnswer {
  totalUsages: number
  usages: Record<string, string>[]
}

describe.each(testDatabases())(
  'the sandbox’s Data Tracker services on $name',
  (engine) => {
    let database: PortalDatabase
    let db: Kysely<unknown>
    let sandbox: Sandbox

    /** An r1 call from the portal (or `client`) through the ee-dev server. */
    const call = (
      path: string,
      headers: Record<string, string> = {},
      client = PORTAL,
    ) =>
      fetch(`${sandbox.xroadEeUrl}/r1/${path}`, {
        headers: {
          'X-Road-Client': client,
          'X-Road-UserId': `EE${MARY}`,
          'X-Road-Issue': 'PERSONAL_DATA_VIEW',
          ...headers,
        },
      })

    /** findUsage as `person` asks it through the portal (Mary by default). */
    const findUsage = async (service: string, query: string, person = MARY) => {
      const res = await call(`${service}/v2/findUsage${query}`, {
        'X-Road-UserId': `EE${person}`,
      })
      expect(res.status).toBe(200)
      return (await res.json()) as UsagesAnswer
    }

    /** A register's stored records of Mary, read straight from its log. */
    const storedRecords = async (register: string) => {
      const log = sandbox.usageLogs.get(register)!
      const { records } = await log.findRecords({
        personalCode: MARY,
        offset: 0,
        limit: 10,
        now: new Date(),
      })
      return records.map((r) => r.record)
    }

    beforeAll(async () => {
      database = await engine.open()
      db = database.db as Kysely<unknown>
      sandbox = await startSandbox({
        db,
        ports: { xroadEe: 0, xroadFi: 0 },
        modules: [module],
        portalClient: PORTAL,
        log: pino({ level: 'silent' }),
        today: new Date('2025-06-15T00:00:00Z'),
      })
    })

    afterAll(async () => {
      await sandbox?.close()
      await database?.close()
    })

    it('offers one findUsage service per register subsystem, described by OpenAPI', async () => {
      expect(sandbox.findUsageServices).toEqual([
        POPULATION_USAGE,
        INCOME_USAGE,
        'ee-dev/GOV/70000349/emta/findUsage',
        'ee-dev/GOV/74000091/tervisekassa/findUsage',
        'ee-dev/GOV/70000310/ariregister/findUsage',
        'ee-dev/GOV/70001490/liiklusregister/findUsage',
      ])
      expect(findUsageServiceOf(POPULATION_SERVICE)).toBe(POPULATION_USAGE)

      const res = await call(
        'FI-TEST/GOV/0245437-2/verohallinto/getOpenAPI?serviceCode=findUsage',
      )
      expect(res.status).toBe(200)
      const description = (await res.json()) as { paths: object }
      expect(Object.keys(description.paths)).toEqual([
        '/v2/findUsage',
        '/v2/usagePeriod',
        '/v2/heartbeat',
        '/checkpoint',
        '/checkpoint/{size}',
        '/consistency',
      ])
    })

    it('logs a population register lookup with its client, user, purpose and message id', async () => {
      const res = await call(`ee-dev/GOV/70008440/population/persons/${MARY}`, {
        'X-Road-Id': 'tracker-message-1',
      })
      expect(res.status).toBe(200)

      const records = await storedRecords('ee-dev/GOV/70008440/population')
      expect(records).toHaveLength(1)
      expect(records[0]).toMatchObject({
        who: {
          client: PORTAL,
          memberCode: '70000001',
          memberName: 'Citizen Portal',
          subsystem: 'citizen-portal',
          official: `EE${MARY}`,
        },
        whose: { personalCode: MARY },
        what: {
          register: 'ee-dev/GOV/70008440/population',
          dataset: 'persons',
          action: 'persons.read',
        },
        why: 'PERSONAL_DATA_VIEW',
        messageId: 'tracker-message-1',
      })
    })

    it('lets the portal read the log through findUsage, newest first', async () => {
      for (const suffix of ['/family', '/documents']) {
        const res = await call(
          `ee-dev/GOV/70008440/population/persons/${MARY}${suffix}`,
        )
        expect(res.status).toBe(200)
      }
      const answer = await findUsage(POPULATION_USAGE, `?userCode=${MARY}`)
      expect(answer.totalUsages).toBe(3)
      expect(answer.usages.map((u) => u.action)).toEqual([
        'persons.documents.read',
        'persons.family.read',
        'persons.read',
      ])
      expect(answer.usages[0]).toEqual({
        logtime: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        action: 'persons.documents.read',
        receiverCode: '70000001',
        receiverName: 'Citizen Portal',
        receiverSystem: 'citizen-portal',
        record: expect.objectContaining({ whose: { personalCode: MARY } }),
        leafIndex: 2,
        // Pending or proven, depending on whether the witness cosigned yet.
        ...provenOrPending(answer.usages[0]),
      })
      const times = answer.usages.map((u) => u.logtime)
      expect(times).toEqual([...times].sort().reverse())

      const page = await findUsage(
        POPULATION_USAGE,
        `?userCode=${MARY}&offset=1&limit=1`,
      )
      expect(page.totalUsages).toBe(3)
      expect(page.usages.map((u) => u.action)).toEqual(['persons.family.read'])

      const later = await findUsage(
        POPULATION_USAGE,
        `?userCode=${MARY}&periodStart=${encodeURIComponent(times[0] ?? '')}`,
      )
      expect(later.usages.map((u) => u.action)).toEqual([
        'persons.documents.read',
      ])
    })

    it('shows another person none of it, and Mary none of theirs', async () => {
      const answer = await findUsage(
        POPULATION_USAGE,
        `?userCode=${OTHER_RESIDENT}`,
        OTHER_RESIDENT,
      )
      expect(answer).toMatchObject({ totalUsages: 0, usages: [] })
      const res = await call(
        `${POPULATION_USAGE}/v2/findUsage?userCode=${OTHER_RESIDENT}`,
      )
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({
        error: { code: 'NOT_YOUR_RECORDS' },
      })
    })

    it('serves each register log’s signed checkpoint through the security server', async () => {
      const res = await call(`${POPULATION_USAGE}/checkpoint`, {
        Accept: 'text/plain',
      })
      expect(res.status).toBe(200)
      const note = await res.text()
      expect(note.split('\n').slice(0, 2)).toEqual([
        'ee-dev/GOV/70008440/population usage log',
        '3',
      ])
      const consistency = await call(
        `${POPULATION_USAGE}/consistency?from=1&to=3`,
      )
      expect(consistency.status).toBe(200)
      expect(await consistency.json()).toMatchObject({ from: 1, to: 3 })
    })

    it('proves Mary’s records to her once a witness cosigned the checkpoint', async () => {
      const log = sandbox.usageLogs.get('ee-dev/GOV/70008440/population')!
      // The sandbox witness cosigns each checkpoint soon after its commit.
      await vi.waitFor(
        async () => {
          const latest = await log.latestCheckpoint()
          const witnessed = await log.latestWitnessedCheckpoint()
          expect(witnessed?.size).toBe(latest?.size)
        },
        { timeout: 10_000, interval: 50 },
      )

      const answer = (await findUsage(
        POPULATION_USAGE,
        `?userCode=${MARY}`,
      )) as unknown as {
        usages: {
          record: object
          leafIndex: number
          pending: boolean
          proof: string[]
          treeSize: number
        }[]
        checkpoint: { size: number; note: string }
      }
      const { rootHash, size } = parseCheckpoint(
        verifyNote(answer.checkpoint.note, log.verifier),
      )
      const witnessKey = parseVerifierKey(sandbox.witness.verifierKey)
      expect(
        verifyCosignatures(answer.checkpoint.note, [witnessKey]),
      ).toHaveLength(1)
      expect(answer.usages).toHaveLength(3)
      for (const usage of answer.usages) {
        expect(usage.pending).toBe(false)
        expect(usage.treeSize).toBe(size)
        verifyInclusion(
          usage.leafIndex,
          size,
          leafHash(canonicalJsonBytes(usage.record)),
          usage.proof.map(fromBase64),
          rootHash,
        )
      }
    })

    it('does not log a lookup the register refused', async () => {
      const unknown = await call(
        'ee-dev/GOV/70008440/population/persons/38001085718',
      )
      expect(unknown.status).toBe(404)
      const answer = await findUsage(
        POPULATION_USAGE,
        '?userCode=38001085718',
        '38001085718',
      )
      expect(answer.totalUsages).toBe(0)
    })

    it('answers bad input with a 400 JSON error through the security server', async () => {
      const res = await call(`${POPULATION_USAGE}/v2/findUsage?userCode=123`)
      expect(res.status).toBe(400)
      expect(res.headers.get('x-road-error')).toBeNull()
      expect(await res.json()).toEqual({
        error: { code: 'INVALID_USER_CODE', message: expect.any(String) },
      })
    })

    it('answers usagePeriod and heartbeat', async () => {
      const period = await call(`${POPULATION_USAGE}/v2/usagePeriod`)
      expect(period.status).toBe(200)
      const { periodStart } = (await period.json()) as { periodStart: string }
      const first = await findUsage(
        POPULATION_USAGE,
        `?userCode=${MARY}&offset=2&limit=1`,
      )
      expect(periodStart).toBe(first.usages[0]?.logtime)

      const heartbeat = await call(`${INCOME_USAGE}/v2/heartbeat`)
      expect(heartbeat.status).toBe(200)
      expect(await heartbeat.json()).toMatchObject({ status: 'OK' })
    })

    it('lets only the portal call findUsage', async () => {
      const res = await call(
        `${POPULATION_USAGE}/v2/findUsage?userCode=${MARY}`,
        {},
        'ee-dev/GOV/70000002/someone-else',
      )
      expect(res.status).toBe(403)
      expect(res.headers.get('x-road-error')).toBe(
        'Server.ServerProxy.AccessDenied',
      )
    })

    it('logs an ee-dev client’s federated call in the Finnish income register', async () => {
      const res = await call(
        `FI-TEST/GOV/0245437-2/verohallinto/income/${MARY}?year=2024`,
        { 'X-Road-Id': 'tracker-federated-1' },
      )
      expect(res.status).toBe(200)

      const answer = await findUsage(INCOME_USAGE, `?userCode=${MARY}`)
      // With the witnessed checkpoint the proofs lead to, once there is one.
      expect(answer).toMatchObject({
        totalUsages: 1,
        usages: [
          {
            logtime: expect.any(String),
            action: 'income.read',
            receiverCode: '70000001',
            receiverName: 'Citizen Portal',
            receiverSystem: 'citizen-portal',
            record: expect.objectContaining({ why: 'PERSONAL_DATA_VIEW' }),
            leafIndex: 0,
            ...provenOrPending(answer.usages[0]),
          },
        ],
      })
      const records = await storedRecords('FI-TEST/GOV/0245437-2/verohallinto')
      expect(records[0]).toMatchObject({
        who: { client: PORTAL, official: `EE${MARY}` },
        what: { dataset: FI_INCOME_SERVICE.split('/').at(-1) },
        why: 'PERSONAL_DATA_VIEW',
        messageId: 'tracker-federated-1',
      })

      const population = await findUsage(POPULATION_USAGE, `?userCode=${MARY}`)
      expect(population.usages.map((u) => u.action)).not.toContain(
        'income.read',
      )
    })
  },
)
