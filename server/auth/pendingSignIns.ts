import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database, EidSignInTable } from '../db/schema.ts'

/** How long a pending sign-in can be polled before it is unknown. */
export const PENDING_LIFETIME_MS = 10 * 60 * 1000

/** A Mobile-ID or Smart-ID sign-in waiting for the citizen's phone. */
export type PendingSignIn = Selectable<EidSignInTable>

/**
 * Pending sign-ins in the database, so any portal instance can answer the
 * next poll. Every lookup needs the browser's hash: an id polled from
 * another browser is unknown.
 */
export class PendingSignIns {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a started sign-in and returns its new random id. */
  async create(values: {
    browserHash: string
    method: string
    personalCode: string
    providerSession: string
    hash: Uint8Array
    hashType: string
  }): Promise<string> {
    const id = randomBytes(24).toString('base64url')
    await this.db
      .insertInto('eid_sign_ins')
      .values({
        id,
        browser_hash: values.browserHash,
        method: values.method,
        personal_code: values.personalCode,
        provider_session: values.providerSession,
        hash: Buffer.from(values.hash).toString('base64'),
        hash_type: values.hashType,
        state: 'RUNNING',
        result: null,
        created_at: this.now(),
      })
      .execute()
    return id
  }

  /** The browser's sign-in by id, or undefined (unknown, old or foreign). */
  async find(
    id: string,
    method: string,
    browserHash: string | undefined,
  ): Promise<PendingSignIn | undefined> {
    if (!browserHash) return undefined
    const cutoff = new Date(this.now().getTime() - PENDING_LIFETIME_MS)
    return this.db
      .selectFrom('eid_sign_ins')
      .selectAll()
      .where('id', '=', id)
      .where('method', '=', method)
      .where('browser_hash', '=', browserHash)
      .where('created_at', '>', cutoff)
      .executeTakeFirst()
  }

  /**
   * Records the outcome once. False when another request completed the
   * sign-in first, so only one poll ever signs the citizen in.
   */
  async complete(id: string, result: string): Promise<boolean> {
    const updated = await this.db
      .updateTable('eid_sign_ins')
      .set({ state: 'COMPLETE', result })
      .where('id', '=', id)
      .where('state', '=', 'RUNNING')
      .executeTakeFirst()
    return Number(updated.numUpdatedRows) === 1
  }

  /** Forgets a sign-in; false when the browser has no such sign-in. */
  async cancel(
    id: string,
    method: string,
    browserHash: string | undefined,
  ): Promise<boolean> {
    if (!browserHash) return false
    const deleted = await this.db
      .deleteFrom('eid_sign_ins')
      .where('id', '=', id)
      .where('method', '=', method)
      .where('browser_hash', '=', browserHash)
      .executeTakeFirst()
    return Number(deleted.numDeletedRows) === 1
  }

  /** Deletes sign-ins older than their lifetime. */
  async purge(): Promise<void> {
    const cutoff = new Date(this.now().getTime() - PENDING_LIFETIME_MS)
    await this.db
      .deleteFrom('eid_sign_ins')
      .where('created_at', '<', cutoff)
      .execute()
  }
}
