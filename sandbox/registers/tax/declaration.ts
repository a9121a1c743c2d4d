import type { PersonRecord } from '../../population/store.ts'
import type { Payer } from '../payers.ts'
import { personRandom } from '../personRandom.ts'
import { incomeOf, type IncomeLine } from '../workHistory.ts'
import {
  basicExemption,
  DEDUCTIONS_CAP,
  FUNDED_PENSION_RATE,
  HOUSING_LOAN_INTEREST_CAP,
  incomeTaxRate,
  UNEMPLOYMENT_INSURANCE_RATE,
} from './taxRules.ts'

/** Money in euros, two decimals. */
type Euros = number

const euros = (cents: number): Euros => Math.round(cents) / 100

/** Deductions a person claims, in euros. */
export interface Deductions {
  trainingExpenses: Euros
  housingLoanInterest: Euros
  donations: Euros
}

/** One payer's income with what they withheld, in euros. */
export interface PayerIncome {
  payer: Payer
  type: 'salary' | 'pension'
  months: number
  grossIncome: Euros
  unemploymentInsurance: Euros
  fundedPension: Euros
  incomeTaxWithheld: Euros
}

/** The income tax sums of a declaration, in euros. */
export interface TaxCalculation {
  grossIncome: Euros
  unemploymentInsurance: Euros
  fundedPension: Euros
  basicExemption: Euros
  deductions: Deductions
  deductionsAllowed: Euros
  taxableIncome: Euros
  incomeTaxRate: number
  incomeTax: Euros
  incomeTaxWithheld: Euros
  refund: Euros
  payable: Euros
}

/** A year's income tax declaration as the Board pre-fills it. */
export interface PrefilledDeclaration {
  personalCode: string
  year: number
  incomes: PayerIncome[]
  calculation: TaxCalculation
  /** The last day to submit: 30 April of the next year. */
  submissionDeadline: string
  /** When a payable amount is due: 1 October of the next year. */
  paymentDueBy: string
}

/** Turns a payer's income into euros, with what the payer withheld. */
function withheld(
  personalCode: string,
  year: number,
): (line: IncomeLine, main: boolean) => PayerIncome {
  const joinedFundedPension = personRandom(personalCode, 'pillar').chance(0.7)
  const rate = incomeTaxRate(year)
  return (line, main) => {
    const salary = line.type === 'salary'
    const insurance = salary ? line.grossCents * UNEMPLOYMENT_INSURANCE_RATE : 0
    const pension =
      salary && joinedFundedPension ? line.grossCents * FUNDED_PENSION_RATE : 0
    // The main payer applies the exemption its yearly pay allows; a side
    // job's income is then what the declaration settles.
    const yearly = (line.grossCents * 12) / line.months
    const exemption = main
      ? (basicExemption(year, yearly) * line.months) / 12
      : 0
    const taxable = Math.max(
      0,
      line.grossCents - insurance - pension - exemption,
    )
    return {
      payer: line.payer,
      type: line.type,
      months: line.months,
      grossIncome: euros(line.grossCents),
      unemploymentInsurance: euros(insurance),
      fundedPension: euros(pension),
      incomeTaxWithheld: euros(taxable * rate),
    }
  }
}

/** Deductions banks, schools and charities reported for the year. */
export function reportedDeductions(
  personalCode: string,
  year: number,
): Deductions {
  const random = personRandom(personalCode, `deductions/${year}`)
  return {
    trainingExpenses: random.chance(0.2) ? random.int(50, 1400) : 0,
    housingLoanInterest: random.chance(0.15) ? random.int(40, 600) : 0,
    donations: random.chance(0.25) ? random.int(10, 300) : 0,
  }
}

const cents = (value: Euros) => Math.round(value * 100)

/** The declaration's sums for these incomes and deductions. */
export function calculate(
  year: number,
  incomes: readonly PayerIncome[],
  deductions: Deductions,
): TaxCalculation {
  const sum = (pick: (i: PayerIncome) => Euros) =>
    incomes.reduce((total, income) => total + cents(pick(income)), 0)
  const gross = sum((i) => i.grossIncome)
  const insurance = sum((i) => i.unemploymentInsurance)
  const pension = sum((i) => i.fundedPension)
  const withheldTax = sum((i) => i.incomeTaxWithheld)
  const exemption = Math.min(gross, basicExemption(year, gross))
  const allowed = Math.min(
    DEDUCTIONS_CAP,
    cents(deductions.trainingExpenses) +
      Math.min(
        HOUSING_LOAN_INTEREST_CAP,
        cents(deductions.housingLoanInterest),
      ) +
      cents(deductions.donations),
  )
  const taxable = Math.max(0, gross - insurance - pension - exemption - allowed)
  const rate = incomeTaxRate(year)
  const tax = Math.round(taxable * rate)
  const balance = withheldTax - tax
  return {
    grossIncome: euros(gross),
    unemploymentInsurance: euros(insurance),
    fundedPension: euros(pension),
    basicExemption: euros(exemption),
    deductions,
    deductionsAllowed: euros(allowed),
    taxableIncome: euros(taxable),
    incomeTaxRate: rate,
    incomeTax: euros(tax),
    incomeTaxWithheld: euros(withheldTax),
    refund: euros(Math.max(0, balance)),
    payable: euros(Math.max(0, -balance)),
  }
}

/** Each payer's income in a year, with withholdings; largest first. */
export function payerIncomes(
  person: PersonRecord,
  year: number,
  today: Date,
): PayerIncome[] {
  const lines = incomeOf(person, year, today).sort(
    (a, b) => b.grossCents - a.grossCents,
  )
  const withhold = withheld(person.personalCode, year)
  return lines.map((line, i) => withhold(line, i === 0))
}

/**
 * The declaration the Tax and Customs Board pre-fills for a finished year:
 * income by payer, what they withheld, reported deductions and the
 * resulting refund or payable amount.
 */
export function prefilledDeclaration(
  person: PersonRecord,
  year: number,
  today: Date,
): PrefilledDeclaration {
  const incomes = payerIncomes(person, year, today)
  return {
    personalCode: person.personalCode,
    year,
    incomes,
    calculation: calculate(
      year,
      incomes,
      reportedDeductions(person.personalCode, year),
    ),
    submissionDeadline: `${year + 1}-04-30`,
    paymentDueBy: `${year + 1}-10-01`,
  }
}
