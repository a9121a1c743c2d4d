import { isValidPersonalCode } from '@common/personalCode'

/** Estonian (+372) and Lithuanian (+370) mobile numbers, as the server says. */
const PHONE_NUMBER = /^\+(372\d{7,8}|370\d{8})$/

/** What is wrong with one sign-in field, or null when it is fine. */
export type PhoneNumberProblem = 'missing' | 'invalid'
export type PersonalCodeProblem = 'missing' | 'length' | 'invalid'

/** A phone number without the spaces and dashes people type for reading. */
export function normalizePhoneNumber(value: string): string {
  return value.replace(/[\s-]/g, '')
}

/** A personal code without surrounding or inner spaces. */
export function normalizePersonalCode(value: string): string {
  return value.replace(/\s/g, '')
}

/** Checks a phone number in international form (+372… or +370…). */
export function phoneNumberProblem(value: string): PhoneNumberProblem | null {
  const number = normalizePhoneNumber(value)
  if (number === '') return 'missing'
  return PHONE_NUMBER.test(number) ? null : 'invalid'
}

/** Checks eleven digits and the check digit of a personal code. */
export function personalCodeProblem(value: string): PersonalCodeProblem | null {
  const code = normalizePersonalCode(value)
  if (code === '') return 'missing'
  if (!/^\d{11}$/.test(code)) return 'length'
  return isValidPersonalCode(code) ? null : 'invalid'
}
