/**
 * A small seeded pseudo-random generator, so the same seed always gives the
 * same synthetic population. Not for anything secret.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    // Any integer seed works; zero would stall a plain xorshift, so mix it.
    this.state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995) >>> 0
    if (this.state === 0) this.state = 0x6d2b79f5
  }

  /** A float in [0, 1). */
  next(): number {
    // xorshift32 followed by a multiplicative scramble of the output.
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    const scrambled = Math.imul(this.state ^ (this.state >>> 15), 0x2c1b3c6d)
    return ((scrambled ^ (scrambled >>> 12)) >>> 0) / 0x1_0000_0000
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('SeededRandom.pick: empty list')
    return item
  }

  /** One key of a table of weights, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][]
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let roll = this.next() * total
    for (const [key, weight] of entries) {
      roll -= weight
      if (roll < 0) return key
    }
    const last = entries[entries.length - 1]
    if (!last) throw new Error('SeededRandom.weighted: empty table')
    return last[0]
  }

  /** A string of `length` random decimal digits. */
  digits(length: number): string {
    let text = ''
    for (let i = 0; i < length; i++) text += String(this.int(0, 9))
    return text
  }
}
