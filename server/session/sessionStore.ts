import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

/** Idle expiry: the session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000
/** Absolute expiry: the session ends this long after sign-in, whatever. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000
/** A request refreshes the stored idle clock only when it is this old. */
export const TOUCH_INTERVAL_MS = 30 * 1000

/** The signed-in citizen, as modules and routes see them. */
export interface Citizen {
  personalCode: string
  givenName: string
  familyName: string
  method: string
  assurance: string
  idleExpiresAt: Date
  expiresAt: Date
}

/** Who is signing in, as the identity provider established. */
export interface SignIn {
  personalCode: string
  givenName: string
  familyName: string
  method: string
  assurance: string
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex')
}

/**
 * Server-side sessions in the database, so several portal instances share
 * them. The cookie carries a random id; the table keeps only its hash.
 */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session and returns the cookie value; always a new id. */
  async create(signIn: SignIn): Promise<{ id: string; citizen: Citizen }> {
    const id = randomBytes(32).toString('base64url')
    const now = this.now()
    const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS)
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: hashId(id),
        personal_code: signIn.personalCode,
        given_name: signIn.givenName,
        family_name: signIn.familyName,
        method: signIn.method,
        assurance: signIn.assurance,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute()
    return { id, citizen: this.toCitizen(signIn, now, expiresAt) }
  }

  /**
   * The citizen of a live session, refreshing its idle clock; null when the
   * id is unknown, revoked, idle too long or past its absolute expiry. The
   * idle clock is written at most once per TOUCH_INTERVAL_MS, so most
   * requests only read; a session may end up to that much early, never late.
   */
  async touch(id: string): Promise<Citizen | null> {
    const now = this.now()
    const idHash = hashId(id)
    const row = await this.db
      .selectFrom('sessions')
      .select([
        'personal_code',
        'given_name',
        'family_name',
        'method',
        'assurance',
        'last_seen_at',
        'expires_at',
      ])
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', new Date(now.getTime() - IDLE_TIMEOUT_MS))
      .executeTakeFirst()
    if (!row) return null

    let seen = new Date(row.last_seen_at)
    if (now.getTime() - seen.getTime() >= TOUCH_INTERVAL_MS) {
      const updated = await this.db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id_hash', '=', idHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      // Revoked between the read and the write: the session is over.
      if (Number(updated.numUpdatedRows) === 0) return null
      seen = now
    }
    return this.toCitizen(
      {
        personalCode: row.personal_code,
        givenName: row.given_name,
        familyName: row.family_name,
        method: row.method,
        assurance: row.assurance,
      },
      seen,
      new Date(row.expires_at),
    )
  }

  /** Ends a session server-side; the id never works again. */
  async revoke(id: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.now() })
      .where('id_hash', '=', hashId(id))
      .execute()
  }

  /** Deletes sessions that ended more than a day ago. */
  async purgeEnded(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - 24 * 60 * 60 * 1000)
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', cutoff),
          eb('last_seen_at', '<', cutoff),
          eb('revoked_at', '<', cutoff),
        ]),
      )
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  private toCitizen(signIn: SignIn, seen: Date, expiresAt: Date): Citizen {
    const idle = new Date(seen.getTime() + IDLE_TIMEOUT_MS)
    return {
      ...signIn,
      idleExpiresAt: idle < expiresAt ? idle : expiresAt,
      expiresAt,
    }
  }
}
