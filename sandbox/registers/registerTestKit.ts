import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { makePersonalCode } from '../../common/personalCode.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import type { TestDatabase } from '../../tests/support/databases.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { generateResidents } from '../population/residents.ts'
import type { Resident } from '../population/resident.ts'
import { seedPopulation } from '../population/store.ts'
import type { UsageRecorder } from '../usage/recorder.ts'

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
