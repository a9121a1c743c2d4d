import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** How long a Web eID challenge can be answered. */
export const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000

/**
 * Web eID challenge nonces in the database, so any portal instance can
 * take the answer. A browser holds at most one: a new challenge replaces
 * the previous one, and taking it deletes it, so each is used once.
 */
export class WebEidChallenges {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new nonce for the browser: base64 of 32 random bytes (44 chars). */
  async issue(browserHash: string): Promise<string> {
    const nonce = randomBytes(32).toString('base64')
    const createdAt = this.now()
    await this.db
      .insertInto('web_eid_challenges')
      .values({ browser_hash: browserHash, nonce, created_at: createdAt })
      .onConflict((oc) =>
        oc.column('browser_hash').doUpdateSet({ nonce, created_at: createdAt }),
      )
      .execute()
    return nonce
  }

  /**
   * Takes the browser's challenge: deletes it and returns the nonce if it
   * is younger than its lifetime. Of two requests racing, one gets it.
   */
  async take(browserHash: string | undefined): Promise<string | undefined> {
    if (!browserHash) return undefined
    const row = await this.db
      .deleteFrom('web_eid_challenges')
      .where('browser_hash', '=', browserHash)
      .returning(['nonce', 'created_at'])
      .executeTakeFirst()
    if (!row) return undefined
    const age = this.now().getTime() - new Date(row.created_at).getTime()
    return age <= CHALLENGE_LIFETIME_MS ? row.nonce : undefined
  }

  /** Deletes challenges older than their lifetime. */
  async purge(): Promise<void> {
    const cutoff = new Date(this.now().getTime() - CHALLENGE_LIFETIME_MS)
    await this.db
      .deleteFrom('web_eid_challenges')
      .where('created_at', '<', cutoff)
      .execute()
  }
}
