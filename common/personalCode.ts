/**
 * Estonian personal codes (isikukood): GYYMMDDSSSC, where G gives the
 * century and sex, YYMMDD the date of birth, SSS a serial and C a check digit.
 */

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]

const CENTURY_BY_FIRST_DIGIT: Record<string, number> = {
  '1': 1800,
  '2': 1800,
  '3': 1900,
  '4': 1900,
  '5': 2000,
  '6': 2000,
  '7': 2100,
  '8': 2100,
}

function weightedSum(digits: string, weights: number[]): number {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * (weights[i] ?? 0)
  return sum % 11
}

/** Computes the check digit for the first ten digits of a personal code. */
export function personalCodeCheckDigit(firstTen: string): number {
  const first = weightedSum(firstTen, WEIGHTS_1)
  if (first < 10) return first
  const second = weightedSum(firstTen, WEIGHTS_2)
  return second < 10 ? second : 0
}

/** The date of birth a personal code encodes, as `YYYY-MM-DD`, or null. */
export function personalCodeBirthDate(code: string): string | null {
  if (!/^\d{11}$/.test(code)) return null
  const century = CENTURY_BY_FIRST_DIGIT[code[0] ?? '']
  if (century === undefined) return null

  const year = century + Number(code.slice(1, 3))
  const month = Number(code.slice(3, 5))
  const day = Number(code.slice(5, 7))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null
  }
  return date.toISOString().slice(0, 10)
}

/** True when the code has eleven digits, a real birth date and a valid check digit. */
export function isValidPersonalCode(code: string): boolean {
  if (personalCodeBirthDate(code) === null) return false
  return personalCodeCheckDigit(code.slice(0, 10)) === Number(code[10])
}

/** 'female' for even first digits, 'male' for odd ones. */
export function personalCodeSex(code: string): 'female' | 'male' {
  return Number(code[0]) % 2 === 0 ? 'female' : 'male'
}

/** Builds a valid personal code from its parts; the serial is 0–999. */
export function makePersonalCode(
  birthDate: string,
  sex: 'female' | 'male',
  serial: number,
): string {
  const [yyyy = '', mm = '', dd = ''] = birthDate.split('-')
  const year = Number(yyyy)
  const centuryIndex = Math.floor((year - 1800) / 100)
  const first = centuryIndex * 2 + (sex === 'male' ? 1 : 2)
  const firstTen =
    String(first) + yyyy.slice(2) + mm + dd + String(serial).padStart(3, '0')
  return firstTen + String(personalCodeCheckDigit(firstTen))
}
