import type { Kysely } from 'kysely'
import type { SandboxPopulationTables } from '../population/schema.ts'

const RUNS_KEY = 'scenario_runs'

/**
 * Counts a replay of the scenario in `sandbox_meta` and returns its number,
 * starting at 1. The row is locked while counting, so two replays started
 * together get different numbers and so different traffic. With
 * `firstOnly`, answers undefined once any replay was counted: the replay at
 * start-up happens once per database.
 */
export async function nextScenarioRun(
  db: Kysely<unknown>,
  options: { firstOnly?: boolean } = {},
): Promise<number | undefined> {
  return db
    .withTables<SandboxPopulationTables>()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('sandbox_meta')
        .values({ key: RUNS_KEY, value: '0' })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
      const row = await trx
        .selectFrom('sandbox_meta')
        .select('value')
        .where('key', '=', RUNS_KEY)
        .forUpdate()
        .executeTakeFirstOrThrow()
      if (options.firstOnly && row.value !== '0') return undefined
      const run = Number(row.value) + 1
      await trx
        .updateTable('sandbox_meta')
        .set({ value: String(run) })
        .where('key', '=', RUNS_KEY)
        .execute()
      return run
    })
}
