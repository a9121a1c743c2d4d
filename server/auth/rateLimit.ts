import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { portalError } from '../errors.ts'

const WINDOW_MS = 60_000

/**
 * Counts sign-in starts per key (client IP, personal code) per minute in
 * the database, so every portal instance sees the same counts. Keys are
 * stored hashed: the table holds no IP addresses or personal codes.
 */
export class SignInRateLimit {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly limit: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Counts one start for every key; throws RATE_LIMITED with Retry-After
   * when any key is past the limit in the current minute.
   */
  async take(keys: string[]): Promise<void> {
    const now = this.now().getTime()
    const windowStart = new Date(now - (now % WINDOW_MS))
    let over = false
    for (const key of keys) {
      const row = await this.db
        .insertInto('sign_in_rate_limits')
        .values({
          key_hash: createHash('sha256').update(key).digest('hex'),
          window_start: windowStart,
          count: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['key_hash', 'window_start'])
            .doUpdateSet({ count: sql`sign_in_rate_limits.count + 1` }),
        )
        .returning('count')
        .executeTakeFirstOrThrow()
      if (row.count > this.limit) over = true
    }
    if (over) {
      const retryAfter = Math.ceil(
        (windowStart.getTime() + WINDOW_MS - now) / 1000,
      )
      throw portalError('RATE_LIMITED', {
        headers: { 'retry-after': String(Math.max(1, retryAfter)) },
      })
    }
  }

  /** Deletes counters of minutes that have passed. */
  async purge(): Promise<void> {
    const now = this.now().getTime()
    await this.db
      .deleteFrom('sign_in_rate_limits')
      .where('window_start', '<', new Date(now - WINDOW_MS))
      .execute()
  }
}
