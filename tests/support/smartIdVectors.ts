import { readVector } from './vectors.ts'

/** A public Smart-ID demo account and how its sign-in ends. */
export interface SmartIdDemoAccount {
  documentNumber: string
  personalCode: string
  result: string
}

/** The demo accounts of `smart-id/verification-code.json`. */
export const SMART_ID_DEMO_ACCOUNTS = readVector<{
  demoAccounts: SmartIdDemoAccount[]
}>('smart-id/verification-code.json').demoAccounts
