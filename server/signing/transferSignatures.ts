import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Database, TransferSignatureTable } from '../db/schema.ts'

/** How long a started signature can be polled or finished. */
export const SIGNING_LIFETIME_MS = 10 * 60 * 1000

/** One transfer signature as stored. */
export type TransferSignature = Selectable<TransferSignatureTable>

/** Who asks: the signed-in citizen and their session (browser). */
export interface Signer {
  personalCode: string
  sessionHash: string
}

/**
 * Transfer signatures in the database, so any portal instance answers the
 * next poll. Every lookup needs the citizen and the session that started
 * the signature: from another citizen or browser the id is unknown.
 */
export class TransferSignatures {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a started signature and returns its new random id. */
  async create(values: {
    signer: Signer
    method: string
    transferId: string
    digest: Uint8Array
    hashType: string
    providerSession: string | null
    certificate: string | null
  }): Promise<string> {
    const id = randomBytes(24).toString('base64url')
    await this.db
      .insertInto('transfer_signatures')
      .values({
        id,
        personal_code: values.signer.personalCode,
        session_hash: values.signer.sessionHash,
        method: values.method,
        transfer_id: values.transferId,
        transfer_digest: Buffer.from(values.digest).toString('base64'),
        hash_type: values.hashType,
        provider_session: values.providerSession,
        certificate: values.certificate,
        signature: null,
        state: 'RUNNING',
        result: null,
        created_at: this.now(),
        completed_at: null,
        used_at: null,
      })
      .execute()
    return id
  }

  /** The signer's signature by id and method, or undefined. */
  async find(
    id: string,
    method: string,
    signer: Signer,
  ): Promise<TransferSignature | undefined> {
    const cutoff = new Date(this.now().getTime() - SIGNING_LIFETIME_MS)
    return this.db
      .selectFrom('transfer_signatures')
      .selectAll()
      .where('id', '=', id)
      .where('method', '=', method)
      .where('personal_code', '=', signer.personalCode)
      .where('session_hash', '=', signer.sessionHash)
      .where('created_at', '>', cutoff)
      .executeTakeFirst()
  }

  /**
   * Records the outcome once (with the certificate and signature when it
   * is OK). False when another request completed it first.
   */
  async complete(
    id: string,
    result: string,
    signed: { certificate?: string; signature?: string } = {},
  ): Promise<boolean> {
    const ok = result === 'OK'
    const updated = await this.db
      .updateTable('transfer_signatures')
      .set({
        state: 'COMPLETE',
        result,
        completed_at: this.now(),
        ...(ok && signed.certificate
          ? { certificate: signed.certificate }
          : {}),
        ...(ok && signed.signature ? { signature: signed.signature } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', 'RUNNING')
      .executeTakeFirst()
    return Number(updated.numUpdatedRows) === 1
  }

  /** Forgets a running signature; false when there is no such one. */
  async cancel(id: string, method: string, signer: Signer): Promise<boolean> {
    const deleted = await this.db
      .deleteFrom('transfer_signatures')
      .where('id', '=', id)
      .where('method', '=', method)
      .where('personal_code', '=', signer.personalCode)
      .where('session_hash', '=', signer.sessionHash)
      .where('state', '=', 'RUNNING')
      .executeTakeFirst()
    return Number(deleted.numDeletedRows) === 1
  }
}
