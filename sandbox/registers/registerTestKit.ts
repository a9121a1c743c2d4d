import type { FastifyInstance, FastifyRequest } from 'fastify'
import { expect } from 'vitest'
import type { Kysely } from 'kysely'
import { makePersonalCode } from '../../common/personalCode.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import type { TestDatabase } from '../../tests/support/databases.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { generateResidents } from '../population/residents.ts'
import type { Resident } from '../population/resident.ts'
import { seedPopulation } from '../population/store.ts'
import type { UsageRecorder } from '../../providers/usage-log/recorder.ts'
import type { RegisterOptions } from './registerApp.ts'

/** The day the registers' tests seed the population on. */
export const TEST_TODAY = new Date('2025-06-15T00:00:00Z')

/** The population the tests' database holds. */
export const TEST_RESIDENTS: readonly Resident[] = generateResidents({
  today: TEST_TODAY,
})

/** A valid personal code no resident has. */
export const UNKNOWN_CODE = makePersonalCode('1850-01-01', 'male', 1)

/** Mary, the first Mobile-ID demo identity: a citizen in Tallinn. */
export const MARY = '60001019906'

/** The first resident that `matches`; fails the test if there is none. */
export function residentWhere(matches: (r: Resident) => boolean): Resident {
  const found = TEST_RESIDENTS.find(matches)
  if (!found) throw new Error('No test resident matches')
  return found
}

/** A fresh database of `engine` with the sandbox population seeded. */
export async function seededDatabase(
  engine: TestDatabase,
): Promise<{ database: PortalDatabase; db: Kysely<unknown> }> {
  const database = await engine.open()
  const db = database.db as Kysely<unknown>
  await migrateSandbox(db)
  await seedPopulation(db, TEST_TODAY)
  return { database, db }
}

/** One call a register made to its usage recorder. */
export interface RecordedUse {
  personalCode: string
  action: string
  /** The X-Road user the request named, to show the request was passed. */
  userId: string | undefined
}

/** A usage recorder that remembers its calls. */
export function usageSpy(): {
  recordUsage: UsageRecorder
  uses: RecordedUse[]
} {
  const uses: RecordedUse[] = []
  const recordUsage: UsageRecorder = async (
    request: FastifyRequest,
    personalCode,
    action,
  ) => {
    const userId = request.headers['x-road-userid']
    uses.push({
      personalCode,
      action,
      userId: typeof userId === 'string' ? userId : undefined,
    })
  }
  return { recordUsage, uses }
}

/**
 * Expects a register to answer each URL the same twice, and the same as a
 * copy of it built on a freshly seeded database of the same engine.
 */
export async function expectStableAnswers(
  engine: TestDatabase,
  app: FastifyInstance,
  build: (options: RegisterOptions) => FastifyInstance,
  urls: readonly string[],
): Promise<void> {
  const other = await seededDatabase(engine)
  const again = build({ db: other.db })
  try {
    for (const url of urls) {
      const first = (await app.inject(url)).body
      expect((await app.inject(url)).body).toBe(first)
      expect((await again.inject(url)).body).toBe(first)
    }
  } finally {
    await again.close()
    await other.database.close()
  }
}

/**
 * Expects a register to refuse anything but JSON at `url`, and to describe
 * exactly `paths` in its OpenAPI 3 document.
 */
export async function expectJsonAndOpenApi(
  app: FastifyInstance,
  url: string,
  paths: readonly string[],
): Promise<void> {
  const html = await app.inject({ url, headers: { accept: 'text/html' } })
  expect(html.statusCode).toBe(406)
  expect(html.json().error.code).toBe('NOT_ACCEPTABLE')
  const description = (await app.inject('/openapi.json')).json<{
    openapi: string
    paths: object
  }>()
  expect(description.openapi).toMatch(/^3\./)
  expect(Object.keys(description.paths)).toEqual(paths)
}
