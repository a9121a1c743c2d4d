import type { Kysely } from 'kysely'
import { maskName } from '../../common/maskName.ts'
import type { Database } from '../db/schema.ts'

/**
 * The masked names the wallet shows beside personal codes: remembered
 * when a person signs in or is previewed as a recipient, as maskName
 * gives them, never in full.
 */
export class WalletNames {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Remembers `name` of `personalCode`, masked; answers the mask. */
  async remember(personalCode: string, name: string): Promise<string> {
    const masked = maskName(name)
    const updatedAt = this.now()
    await this.db
      .insertInto('wallet_names')
      .values({
        personal_code: personalCode,
        masked_name: masked,
        updated_at: updatedAt,
      })
      .onConflict((oc) =>
        oc
          .column('personal_code')
          .doUpdateSet({ masked_name: masked, updated_at: updatedAt }),
      )
      .execute()
    return masked
  }

  /** The masked names known for `codes`. */
  async lookUp(codes: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes)]
    if (unique.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('wallet_names')
      .select(['personal_code', 'masked_name'])
      .where('personal_code', 'in', unique)
      .execute()
    return new Map(rows.map((r) => [r.personal_code, r.masked_name]))
  }
}
