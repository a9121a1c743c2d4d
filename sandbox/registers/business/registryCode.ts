/**
 * Estonian registry codes (registrikood): eight digits, the last a check
 * digit computed like a personal code's, over the first seven.
 */

function weightedSum(digits: string, firstWeight: number): number {
  let sum = 0
  for (let i = 0; i < 7; i++) {
    sum += Number(digits[i]) * (((firstWeight - 1 + i) % 9) + 1)
  }
  return sum % 11
}

/** The registry code with this seven-digit start and its check digit. */
export function makeRegistryCode(firstSeven: string): string {
  const first = weightedSum(firstSeven, 1)
  if (first < 10) return `${firstSeven}${first}`
  const second = weightedSum(firstSeven, 3)
  return `${firstSeven}${second < 10 ? second : 0}`
}

/** True for eight digits with a valid check digit. */
export function isValidRegistryCode(code: string): boolean {
  return /^\d{8}$/.test(code) && makeRegistryCode(code.slice(0, 7)) === code
}
