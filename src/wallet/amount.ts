/**
 * EstCoin amounts: integer cents inside, a decimal with two places for
 * people. Typing accepts a comma or a point before the cents and spaces
 * between thousands, as people write money in Estonian, English and
 * Russian alike.
 */

/** Why a typed amount is not one. */
export type AmountProblem = 'missing' | 'format' | 'decimals' | 'zero' | 'large'

/** A typed amount read as cents, or why it cannot be. */
export type ParsedAmount =
  | { cents: number; problem?: undefined }
  | { cents?: undefined; problem: AmountProblem }

/**
 * Reads "12.50", "12,5", "1 234" or "0.01" as cents. Refuses signs,
 * letters, more than two decimals, zero and amounts past a safe integer.
 */
export function parseAmount(text: string): ParsedAmount {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '')
  if (compact === '') return { problem: 'missing' }

  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact)
  if (!match) return { problem: 'format' }
  const [, whole = '', fraction = ''] = match
  if (fraction.length > 2) return { problem: 'decimals' }

  const digits = whole.replace(/^0+(?=\d)/, '') + fraction.padEnd(2, '0')
  if (digits.length > 16) return { problem: 'large' }
  const cents = Number(digits)
  if (!Number.isSafeInteger(cents)) return { problem: 'large' }
  if (cents === 0) return { problem: 'zero' }
  return { cents }
}

/** Cents as a decimal to put in an input, e.g. 1250 → "12,50". */
export function centsToInput(cents: number, decimalSeparator = '.'): string {
  const sign = cents < 0 ? '-' : ''
  const size = Math.abs(cents)
  const fraction = String(size % 100).padStart(2, '0')
  return `${sign}${Math.floor(size / 100)}${decimalSeparator}${fraction}`
}

/** Intl options that show cents as a number with exactly two decimals. */
export const CENTS_FORMAT: Intl.NumberFormatOptions = {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
}
