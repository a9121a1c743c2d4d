/**
 * Estonian income tax as the sandbox applies it, in cents.
 *
 * Limitation: a close approximation for demos, not a tax calculator: the
 * pensioners' own exemption, the child allowance and the 2025 rule
 * changes beyond the rate are left out.
 */

/** Income tax rate of a year. */
export function incomeTaxRate(year: number): number {
  return year >= 2025 ? 0.22 : 0.2
}

/** The employee's unemployment insurance premium, taken from salary. */
export const UNEMPLOYMENT_INSURANCE_RATE = 0.016

/** The funded pension (II pillar) contribution of those who joined. */
export const FUNDED_PENSION_RATE = 0.02

/** The full annual basic exemption of a year. */
export function fullBasicExemption(year: number): number {
  if (year >= 2024) return 784_800
  if (year >= 2018) return 600_000
  return 216_000
}

/**
 * The basic exemption for a year's income: full up to 14 400 €, falling
 * evenly to nothing at 25 200 € (from 2018).
 */
export function basicExemption(year: number, incomeCents: number): number {
  const full = fullBasicExemption(year)
  if (year < 2018 || incomeCents <= 1_440_000) return full
  if (incomeCents >= 2_520_000) return 0
  return Math.round(full - (full * (incomeCents - 1_440_000)) / 1_080_000)
}

/** Deductions allowed per year, together: training, loan interest, gifts. */
export const DEDUCTIONS_CAP = 120_000

/** Housing loan interest counts up to this much. */
export const HOUSING_LOAN_INTEREST_CAP = 30_000
