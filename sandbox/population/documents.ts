import { addDays, addYears, isoDate, parseIsoDate } from './dates.ts'
import type { SeededRandom } from './random.ts'
import type {
  DocumentType,
  IdentityDocument,
  ResidentKind,
} from './resident.ts'

/**
 * How a person's current card stands: `valid` (expiry anywhere in its five
 * years, so some expire soon), `lasting` (valid for more than a year yet),
 * `expiring` (within six months), `expired` (not renewed) or `revoked` (and,
 * except for e-residents, replaced).
 */
export type CardState = 'valid' | 'lasting' | 'expiring' | 'expired' | 'revoked'

const CARD_YEARS = 5

/**
 * Issues identity documents with unique, realistically formatted numbers
 * and dates relative to `today`.
 */
export class DocumentIssuer {
  private readonly used = new Set<string>()

  constructor(
    private readonly random: SeededRandom,
    private readonly today: Date,
  ) {}

  /** Every document of one person, oldest first. */
  documentsFor(
    kind: ResidentKind,
    birthDate: string,
    idCard?: CardState,
  ): IdentityDocument[] {
    return this.issue(kind, parseIsoDate(birthDate), idCard).sort((a, b) =>
      a.issuedOn.localeCompare(b.issuedOn),
    )
  }

  private issue(
    kind: ResidentKind,
    birth: Date,
    idCard?: CardState,
  ): IdentityDocument[] {
    if (kind === 'e-resident') {
      const state = this.random.weighted({
        valid: 80,
        expiring: 5,
        expired: 12,
        revoked: 3,
      })
      return this.cardSeries('digital-id', birth, state, false, 'NB')
    }
    if (kind === 'resident') {
      const state = idCard ?? this.randomCardState()
      return this.cardSeries('residence-permit-card', birth, state, true)
    }

    const idCardState = idCard ?? this.randomCardState()
    const documents = this.cardSeries('id-card', birth, idCardState, true)
    if (this.random.chance(0.3)) documents.push(...this.passport(birth))
    if (addYears(birth, 15) <= this.today && this.random.chance(0.15)) {
      documents.push(
        ...this.cardSeries('digital-id', birth, 'valid', true, 'NA'),
      )
    }
    return documents
  }

  private randomCardState(): CardState {
    return this.random.weighted({
      valid: 88,
      expiring: 3,
      expired: 6,
      revoked: 3,
    })
  }

  /**
   * A card of `type` in the given state, the expired cards before it, and a
   * replacement when it was revoked. A card is first issued at age one.
   */
  private cardSeries(
    type: DocumentType,
    birth: Date,
    state: CardState,
    replaceRevoked: boolean,
    prefix?: string,
  ): IdentityDocument[] {
    const earliest = addYears(birth, 1)
    const latest = addDays(this.today, -1)
    if (earliest > latest) return []

    let validUntil: Date
    if (state === 'expiring') {
      validUntil = addDays(this.today, this.random.int(14, 150))
    } else if (state === 'expired') {
      validUntil = addDays(this.today, -this.random.int(10, 700))
    } else if (state === 'lasting') {
      validUntil = addDays(this.today, this.random.int(400, 5 * 365 - 1))
    } else {
      validUntil = addDays(this.today, this.random.int(1, 5 * 365 - 1))
    }
    let issued = addDays(addYears(validUntil, -CARD_YEARS), 1)
    if (issued < earliest) {
      issued = earliest
      validUntil = addDays(addYears(issued, CARD_YEARS), -1)
    }

    const current = this.card(type, issued, validUntil, prefix)
    const previous = this.previousCards(type, issued, earliest, prefix)
    const series = [...previous, current]
    if (state !== 'revoked') return series

    current.status = 'revoked'
    if (!replaceRevoked) return series
    const replaced = addDays(issued, this.random.int(30, 300))
    if (replaced > latest) return series
    const renewedUntil = addDays(addYears(replaced, CARD_YEARS), -1)
    const renewed = this.card(type, replaced, renewedUntil, prefix)
    return [...series, renewed]
  }

  private previousCards(
    type: DocumentType,
    before: Date,
    earliest: Date,
    prefix?: string,
  ): IdentityDocument[] {
    const cards: IdentityDocument[] = []
    let end = addDays(before, -1)
    for (let i = 0; i < 2 && this.random.chance(0.8); i++) {
      const issued = addDays(addYears(end, -CARD_YEARS), 1)
      if (issued < earliest) break
      cards.unshift(this.card(type, issued, end, prefix))
      end = addDays(issued, -1)
    }
    return cards
  }

  private passport(birth: Date): IdentityDocument[] {
    const earliest = addYears(birth, 1)
    const daysBack = this.random.int(1, 10 * 365)
    const issued = addDays(this.today, -daysBack)
    if (issued < earliest) return []
    // Children's passports are valid for five years, adults' for ten.
    const years = addYears(birth, 15) <= issued ? 10 : 5
    const validUntil = addDays(addYears(issued, years), -1)
    return [this.card('passport', issued, validUntil)]
  }

  private card(
    type: DocumentType,
    issued: Date,
    validUntil: Date,
    prefix = documentPrefix(type, issued.getUTCFullYear()),
  ): IdentityDocument {
    return {
      type,
      number: this.number(prefix),
      issuedOn: isoDate(issued),
      validUntil: isoDate(validUntil),
      status: validUntil < this.today ? 'expired' : 'valid',
    }
  }

  private number(prefix: string): string {
    for (;;) {
      const candidate = prefix + this.random.digits(7)
      if (!this.used.has(candidate)) {
        this.used.add(candidate)
        return candidate
      }
    }
  }
}

/**
 * The letters a document number starts with: ID-card series changed with
 * new card generations. Digital IDs take `NA` for citizens and `NB` for
 * e-residents, passed in by the caller.
 */
function documentPrefix(type: DocumentType, year: number): string {
  switch (type) {
    case 'id-card':
      return year < 2018 ? 'AA' : year < 2021 ? 'AC' : 'AS'
    case 'passport':
      return 'K'
    case 'digital-id':
      return 'NA'
    case 'residence-permit-card':
      return 'RE'
  }
}
