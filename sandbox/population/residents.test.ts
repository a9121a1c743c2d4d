import { describe, expect, it } from 'vitest'
import {
  isValidPersonalCode,
  personalCodeBirthDate,
  personalCodeSex,
} from '../../common/personalCode.ts'
import { readVector } from '../../tests/support/vectors.ts'
import { addDays, addYears, isoDate, parseIsoDate } from './dates.ts'
import type { Resident } from './resident.ts'
import { demoIdentities, generateResidents } from './residents.ts'

interface MobileIdVectors {
  identities: {
    phoneNumber: string
    personalCode: string
    result: string
    name?: string
  }[]
}
interface SmartIdVectors {
  demoAccounts: { personalCode: string; result: string }[]
}

const today = new Date('2025-06-15T10:00:00Z')
const residents = generateResidents({ today })
const byCode = new Map(residents.map((r) => [r.personalCode, r]))
const mobileId = readVector<MobileIdVectors>('mobile-id/demo-numbers.json')
const smartId = readVector<SmartIdVectors>('smart-id/verification-code.json')
const demoPhones = new Set(mobileId.identities.map((i) => i.phoneNumber))

function resident(code: string): Resident {
  const found = byCode.get(code)
  if (!found) throw new Error(`${code} is not in the population`)
  return found
}

describe('the synthetic population', () => {
  it('has at least 1000 residents with valid, unique personal codes', () => {
    expect(residents.length).toBeGreaterThanOrEqual(1000)
    expect(byCode.size).toBe(residents.length)
    const invalid = residents.filter(
      (r) => !isValidPersonalCode(r.personalCode),
    )
    expect(invalid).toEqual([])
  })

  it('gives each resident the birth date and sex their code encodes', () => {
    for (const r of residents) {
      expect(r.birthDate).toBe(personalCodeBirthDate(r.personalCode))
      expect(r.sex).toBe(personalCodeSex(r.personalCode))
    }
  })

  it('is the same for the same seed and day, and differs for another seed', () => {
    expect(generateResidents({ today })).toEqual(residents)
    const other = generateResidents({ today, seed: 7 })
    expect(other.map((r) => r.personalCode)).not.toEqual(
      residents.map((r) => r.personalCode),
    )
  })

  it('gives every resident a unique phone number, +3725… unless a demo one', () => {
    const phones = residents.map((r) => r.phoneNumber)
    expect(new Set(phones).size).toBe(phones.length)
    for (const phone of phones) {
      if (!demoPhones.has(phone)) expect(phone).toMatch(/^\+3725\d{7}$/)
    }
  })

  it('contains every Mobile-ID demo identity with its phone number', () => {
    for (const identity of mobileId.identities) {
      expect(resident(identity.personalCode).phoneNumber).toBe(
        identity.phoneNumber,
      )
    }
    const mary = resident('60001019906')
    expect(mary.givenName).toBe('MARY ÄNN')
    expect(mary.familyName).toBe('O’CONNEŽ-ŠUSLIK TESTNUMBER')
    expect(`${mary.givenName} ${mary.familyName}`).toBe(
      mobileId.identities[0]?.name,
    )
  })

  it('contains every Smart-ID demo account', () => {
    for (const account of smartId.demoAccounts) {
      expect(byCode.has(account.personalCode)).toBe(true)
    }
  })

  it('makes both Mobile-ID OK identities ordinary citizens with address, family and ID-card', () => {
    const ok = mobileId.identities.filter((i) => i.result === 'OK')
    expect(ok).toHaveLength(2)
    for (const identity of ok) {
      const r = resident(identity.personalCode)
      expect(r.kind).toBe('citizen')
      expect(r.citizenship).toBe('EE')
      expect(r.address).not.toBeNull()
      expect(r.family.parents).toHaveLength(2)
      const card = r.documents.find(
        (d) => d.type === 'id-card' && d.status === 'valid',
      )
      expect(card?.number).toMatch(/^A[ACS]\d{7}$/)
    }
    expect(resident('60001019906').family.spouse).not.toBeNull()
  })

  it('keeps e-residents abroad: foreign citizens with a digital ID only', () => {
    const eResidents = residents.filter((r) => r.kind === 'e-resident')
    expect(eResidents.length).toBeGreaterThan(30)
    for (const r of eResidents) {
      expect(r.address).toBeNull()
      expect(r.citizenship).not.toBe('EE')
      expect(r.documents.length).toBeGreaterThan(0)
      expect(r.documents.every((d) => d.type === 'digital-id')).toBe(true)
    }
  })

  it('gives citizens and residents an Estonian address', () => {
    const housed = residents.filter((r) => r.kind !== 'e-resident')
    for (const r of housed) {
      expect(r.address?.county).toMatch(/maakond$/)
      expect(r.address?.postalCode).toMatch(/^\d{5}$/)
    }
    expect(residents.some((r) => r.kind === 'resident')).toBe(true)
  })

  it('records every family link on both sides, between known residents', () => {
    for (const r of residents) {
      if (r.family.spouse) {
        expect(resident(r.family.spouse).family.spouse).toBe(r.personalCode)
      }
      for (const child of r.family.children) {
        expect(resident(child).family.parents).toContain(r.personalCode)
      }
      for (const parent of r.family.parents) {
        expect(resident(parent).family.children).toContain(r.personalCode)
      }
    }
    expect(
      residents.filter((r) => r.family.children.length > 0).length,
    ).toBeGreaterThan(100)
  })

  it('has parents at least 18 years older than their children', () => {
    for (const r of residents) {
      for (const parent of r.family.parents) {
        const adult = addYears(parseIsoDate(resident(parent).birthDate), 18)
        expect(isoDate(adult) <= r.birthDate).toBe(true)
      }
    }
  })

  it('uses Estonian and Russian names with their diacritics', () => {
    const names = residents.map((r) => `${r.givenName} ${r.familyName}`)
    for (const letter of ['õ', 'ä', 'ö', 'ü', 'š', 'ž']) {
      expect(names.some((n) => n.toLowerCase().includes(letter))).toBe(true)
    }
    expect(names.some((n) => /ova$/.test(n))).toBe(true)
  })

  it('issues documents with unique numbers and a status that fits their dates', () => {
    const documents = residents.flatMap((r) => r.documents)
    const numbers = documents.map((d) => d.number)
    expect(new Set(numbers).size).toBe(numbers.length)

    for (const r of residents) {
      const issued = r.documents.map((d) => d.issuedOn)
      expect(issued).toEqual([...issued].sort())
    }
    const day = isoDate(today)
    for (const d of documents) {
      expect(d.issuedOn < d.validUntil).toBe(true)
      if (d.status === 'valid') expect(d.validUntil >= day).toBe(true)
      if (d.status === 'expired') expect(d.validUntil < day).toBe(true)
      if (d.type === 'id-card') expect(d.number).toMatch(/^A[ACS]\d{7}$/)
      if (d.type === 'passport') expect(d.number).toMatch(/^K\d{7}$/)
    }
    expect(documents.some((d) => d.status === 'revoked')).toBe(true)
  })

  it('has ID-cards expiring within six months and ID-cards that have expired', () => {
    const soon = isoDate(addDays(today, 183))
    const cards = residents.flatMap((r) =>
      r.documents.filter((d) => d.type === 'id-card'),
    )
    const expiring = cards.filter(
      (d) => d.status === 'valid' && d.validUntil < soon,
    )
    expect(expiring.length).toBeGreaterThan(10)
    expect(cards.filter((d) => d.status === 'expired').length).toBeGreaterThan(
      10,
    )
  })
})

describe('demo identities', () => {
  const demo = demoIdentities(residents, today)

  it('start with the Mobile-ID and Smart-ID accounts that sign in', () => {
    expect(demo.slice(0, 3).map((d) => d.personalCode)).toEqual([
      '60001019906',
      '60001017869',
      '50001029996',
    ])
    expect(demo[0]?.name).toBe('MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER')
    expect(demo[0]?.phoneNumber).toBe('+37200000766')
  })

  it('show an ID-card that expires soon, one that expired and an e-resident', () => {
    const note = (text: string) => demo.find((d) => d.note.includes(text))
    const expiring = note('expires soon')
    expect(expiring).toBeDefined()
    const card = resident(expiring?.personalCode ?? '').documents.find(
      (d) => d.type === 'id-card' && d.status === 'valid',
    )
    expect(card && card.validUntil < isoDate(addDays(today, 183))).toBe(true)

    const expired = resident(note('ID-card expired')?.personalCode ?? '')
    expect(
      expired.documents.some(
        (d) => d.type === 'id-card' && d.status === 'valid',
      ),
    ).toBe(false)
    expect(note('e-resident')?.kind).toBe('e-resident')
    expect(new Set(demo.map((d) => d.personalCode)).size).toBe(demo.length)
  })
})
