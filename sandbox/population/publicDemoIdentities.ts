import { personalCodeSex } from '../../common/personalCode.ts'
import type { Sex } from './resident.ts'

/**
 * A public test identity of the Mobile-ID or Smart-ID demo services. The
 * sandbox population contains each one, so the simulators and the register
 * agree about who they are.
 */
export interface PublicDemoIdentity {
  personalCode: string
  givenName: string
  familyName: string
  sex: Sex
  /** The demo Mobile-ID number, when the identity has one. */
  mobileIdPhone?: string
  /** The outcome the Mobile-ID demo service simulates for the number. */
  mobileIdResult?: string
  /** The outcome the Smart-ID demo service simulates for the account. */
  smartIdResult?: string
  /** The demo Smart-ID account's document number. */
  smartIdDocumentNumber?: string
}

// Uppercase names, as the demo certificates carry them. Only the first name
// is published with the demo numbers; the others are the sandbox's own.
const TEST = 'TESTNUMBER'

/** Every Mobile-ID demo number and Smart-ID demo account. */
export const PUBLIC_DEMO_IDENTITIES: readonly PublicDemoIdentity[] = [
  {
    personalCode: '60001019906',
    givenName: 'MARY ÄNN',
    familyName: 'O’CONNEŽ-ŠUSLIK TESTNUMBER',
    sex: 'female',
    mobileIdPhone: '+37200000766',
    mobileIdResult: 'OK',
  },
  {
    personalCode: '60001017869',
    givenName: 'ELIISE',
    familyName: TEST,
    sex: 'female',
    mobileIdPhone: '+37268000769',
    mobileIdResult: 'OK',
  },
  mobileId('60001019928', 'MAARJA', '+37200000366', 'NOT_MID_CLIENT'),
  mobileId('50001018908', 'TÕNU', '+37066000266', 'TIMEOUT'),
  mobileId('60001019950', 'KÄRT', '+37201100266', 'USER_CANCELLED'),
  mobileId('60001019983', 'ÜLLE', '+37213100266', 'PHONE_ABSENT'),
  mobileId('60001019947', 'PILLE', '+37207110066', 'DELIVERY_ERROR'),
  mobileId('60001019972', 'SIRJE', '+37201200266', 'SIM_ERROR'),
  mobileId('60001019961', 'TIIU', '+37200000666', 'SIGNATURE_HASH_MISMATCH'),
  smartId('50001029996', 'MÄRT', 'OK', 'DEMO'),
  smartId('30403039917', 'JAAN', 'USER_REFUSED', 'MOCK'),
  smartId('30403039972', 'PEETER', 'WRONG_VC', 'MOCK'),
  smartId('30403039983', 'ANTS', 'TIMEOUT', 'MOCK'),
]

function mobileId(
  personalCode: string,
  givenName: string,
  phone: string,
  result: string,
): PublicDemoIdentity {
  return {
    personalCode,
    givenName,
    familyName: TEST,
    sex: personalCodeSex(personalCode),
    mobileIdPhone: phone,
    mobileIdResult: result,
  }
}

function smartId(
  personalCode: string,
  givenName: string,
  result: string,
  kind: 'DEMO' | 'MOCK',
): PublicDemoIdentity {
  return {
    personalCode,
    givenName,
    familyName: TEST,
    sex: personalCodeSex(personalCode),
    smartIdResult: result,
    smartIdDocumentNumber: `PNOEE-${personalCode}-${kind}-Q`,
  }
}
