import type { Activity } from './companyNames.ts'

/** A legal form the sandbox Business Register knows. */
export type LegalForm = 'OÜ' | 'AS' | 'MTÜ'

/** What a person is in a company. */
export type RoleKind = 'board-member' | 'shareholder' | 'member'

/** One person's role in a company. */
export interface CompanyPerson {
  personalCode: string
  givenName: string
  familyName: string
  role: RoleKind
  since: string
  /** Per cent of the shares; null for roles without shares. */
  sharePercent: number | null
}

/** A company or association in the Business Register. */
export interface Company {
  registryCode: string
  name: string
  legalForm: LegalForm
  status: 'registered' | 'deleted'
  registeredOn: string
  deletedOn: string | null
  address: string
  /** Share capital in euros; null for associations. */
  shareCapital: number | null
  activity: Activity
  people: CompanyPerson[]
}

/** A company as listed among one person's roles. */
export interface PersonCompany {
  registryCode: string
  name: string
  legalForm: LegalForm
  status: Company['status']
  roles: { role: RoleKind; since: string; sharePercent: number | null }[]
}
