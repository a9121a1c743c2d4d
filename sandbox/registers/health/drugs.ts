/** A medicine a doctor may prescribe in the sandbox. */
export interface Drug {
  /** Product name, strength and form as on the prescription. */
  name: string
  activeSubstance: string
  /** Share of the price the Health Insurance Fund pays, per cent. */
  reimbursement: number
  /** Taken for long, so renewed through the year. */
  lasting: boolean
}

const drug = (
  name: string,
  activeSubstance: string,
  reimbursement: number,
  lasting = false,
): Drug => ({ name, activeSubstance, reimbursement, lasting })

/** Common prescription medicines, with the usual reimbursement rates. */
export const DRUGS: readonly Drug[] = [
  drug('Amoxicillin 500 mg capsules', 'amoxicillin', 50),
  drug('Ibuprofen 400 mg tablets', 'ibuprofen', 50),
  drug('Metformin 500 mg tablets', 'metformin', 90, true),
  drug('Atorvastatin 20 mg tablets', 'atorvastatin', 75, true),
  drug('Ramipril 5 mg tablets', 'ramipril', 75, true),
  drug('Levothyroxine 50 µg tablets', 'levothyroxine', 100, true),
  drug('Salbutamol 100 µg inhaler', 'salbutamol', 75, true),
  drug('Omeprazole 20 mg capsules', 'omeprazole', 50),
  drug('Sertraline 50 mg tablets', 'sertraline', 75, true),
  drug('Cetirizine 10 mg tablets', 'cetirizine', 50),
  drug('Amlodipine 5 mg tablets', 'amlodipine', 75, true),
  drug('Azithromycin 500 mg tablets', 'azithromycin', 50),
  drug('Bisoprolol 5 mg tablets', 'bisoprolol', 75, true),
  drug('Insulin glargine 100 U/ml pen', 'insulin glargine', 100, true),
]
