import { addDays, isoDate, startOfDay } from './dates.ts'
import { PUBLIC_DEMO_IDENTITIES } from './publicDemoIdentities.ts'
import type { DemoIdentity, Resident } from './resident.ts'

function demo(resident: Resident, note: string): DemoIdentity {
  return {
    personalCode: resident.personalCode,
    phoneNumber: resident.phoneNumber,
    givenName: resident.givenName,
    familyName: resident.familyName,
    name: `${resident.givenName} ${resident.familyName}`,
    kind: resident.kind,
    note,
  }
}

function validIdCard(resident: Resident) {
  return resident.documents.find(
    (d) => d.type === 'id-card' && d.status === 'valid',
  )
}

/**
 * A few residents to sign in as, each with a note on what it shows: the
 * Mobile-ID and Smart-ID demo accounts that sign in, an ID-card that
 * expires soon, one that has expired, an e-resident and a foreign resident.
 * Start-up prints the first ones.
 */
export function demoIdentities(
  residents: readonly Resident[],
  today: Date,
): DemoIdentity[] {
  const byCode = new Map(residents.map((r) => [r.personalCode, r]))
  const found: DemoIdentity[] = []
  const add = (resident: Resident | undefined, note: string) => {
    if (resident) found.push(demo(resident, note))
  }
  const isNew = (r: Resident) =>
    !found.some((f) => f.personalCode === r.personalCode)

  for (const identity of PUBLIC_DEMO_IDENTITIES) {
    const resident = byCode.get(identity.personalCode)
    if (identity.mobileIdResult === 'OK') {
      add(resident, `Mobile-ID ${identity.mobileIdPhone} signs in`)
    } else if (identity.smartIdResult === 'OK') {
      add(resident, 'Smart-ID demo account signs in')
    }
  }

  const day = isoDate(startOfDay(today))
  const soon = isoDate(addDays(startOfDay(today), 183))
  const expiring = residents.find((r) => {
    const card = validIdCard(r)
    return isNew(r) && card !== undefined && card.validUntil < soon
  })
  if (expiring) {
    add(expiring, `ID-card expires soon (${validIdCard(expiring)?.validUntil})`)
  }
  add(
    residents.find(
      (r) =>
        r.kind === 'citizen' &&
        !validIdCard(r) &&
        r.documents.some((d) => d.type === 'id-card' && d.validUntil < day),
    ),
    'ID-card expired',
  )
  const eResident = residents.find(
    (r) =>
      r.kind === 'e-resident' && r.documents.some((d) => d.status === 'valid'),
  )
  add(
    eResident,
    `e-resident (${eResident?.citizenship}): digital ID only, no address`,
  )
  const foreigner = residents.find((r) => r.kind === 'resident')
  add(foreigner, `resident with a residence permit (${foreigner?.citizenship})`)

  const cancels = PUBLIC_DEMO_IDENTITIES.find(
    (i) => i.mobileIdResult === 'USER_CANCELLED',
  )
  add(
    cancels && byCode.get(cancels.personalCode),
    'Mobile-ID: the user cancels',
  )
  return found
}
