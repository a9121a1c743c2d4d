import { sql, type Kysely, type Transaction } from 'kysely'
import { isoDate, startOfDay } from './dates.ts'
import { DEFAULT_COUNT, DEFAULT_SEED, generateResidents } from './residents.ts'
import type {
  Address,
  DocumentStatus,
  DocumentType,
  IdentityDocument,
  Resident,
  ResidentKind,
  Sex,
} from './resident.ts'
import type { SandboxPopulationTables } from './schema.ts'

type PopulationDb = Kysely<SandboxPopulationTables>

/** A person with their address, as the register answers for them. */
export type PersonRecord = Omit<
  Resident,
  'family' | 'documents' | 'phoneNumber'
>

/** A family member, named. */
export interface Relative {
  personalCode: string
  givenName: string
  familyName: string
  birthDate: string
}

/** A person's spouse, children and parents. */
export interface FamilyRecord {
  spouse: Relative | null
  children: Relative[]
  parents: Relative[]
}

/** How the population was seeded, kept in `sandbox_meta`. */
export interface SeedMarker {
  seed: number
  /** The day document dates were counted from. */
  today: string
  /** The count asked for; households may add a few residents. */
  count: number
}

const SEEDED_KEY = 'population_seeded'
const BATCH = 500

function tables(db: Kysely<unknown>): PopulationDb {
  return db.withTables<SandboxPopulationTables>()
}

/** Casts a date column to `YYYY-MM-DD` text, whatever the engine's style. */
function day(column: string) {
  return sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`
}

async function insertInBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await insert(rows.slice(i, i + BATCH))
  }
}

/**
 * Fills the population register once per database. A marker row is
 * inserted first in the same transaction, so a second call, or one running
 * at the same time on another connection, finds it and does nothing.
 *
 * Limitation: document dates are relative to the day of seeding; a
 * database seeded long ago shows cards expiring or expired accordingly.
 */
export async function seedPopulation(
  db: Kysely<unknown>,
  today: Date,
  options: { seed?: number; count?: number } = {},
): Promise<{ seeded: boolean }> {
  const seed = options.seed ?? DEFAULT_SEED
  const count = options.count ?? DEFAULT_COUNT
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const marker: SeedMarker = {
        seed,
        today: isoDate(startOfDay(today)),
        count,
      }
      const claimed = await trx
        .insertInto('sandbox_meta')
        .values({ key: SEEDED_KEY, value: JSON.stringify(marker) })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst()
      if (!claimed) return { seeded: false }

      const residents = generateResidents({ today, seed, count })
      await insertResidents(trx, residents)
      return { seeded: true }
    })
}

async function insertResidents(
  trx: Transaction<SandboxPopulationTables>,
  residents: Resident[],
): Promise<void> {
  await insertInBatches(residents, (batch) =>
    trx
      .insertInto('sandbox_person')
      .values(
        batch.map((r) => ({
          personal_code: r.personalCode,
          given_name: r.givenName,
          family_name: r.familyName,
          sex: r.sex,
          birth_date: r.birthDate,
          kind: r.kind,
          citizenship: r.citizenship,
          phone_number: r.phoneNumber,
        })),
      )
      .execute(),
  )

  const addresses = residents.flatMap((r) =>
    r.address
      ? [{ personal_code: r.personalCode, ...addressRow(r.address) }]
      : [],
  )
  await insertInBatches(addresses, (batch) =>
    trx.insertInto('sandbox_address').values(batch).execute(),
  )

  const family = residents.flatMap((r) =>
    [
      ...(r.family.spouse
        ? [{ relative_code: r.family.spouse, relation: 'spouse' as const }]
        : []),
      ...r.family.children.map((c) => ({
        relative_code: c,
        relation: 'child' as const,
      })),
      ...r.family.parents.map((p) => ({
        relative_code: p,
        relation: 'parent' as const,
      })),
    ].map((link) => ({ personal_code: r.personalCode, ...link })),
  )
  await insertInBatches(family, (batch) =>
    trx.insertInto('sandbox_family').values(batch).execute(),
  )

  const documents = residents.flatMap((r) =>
    r.documents.map((d) => ({
      number: d.number,
      personal_code: r.personalCode,
      type: d.type,
      issued_on: d.issuedOn,
      valid_until: d.validUntil,
      status: d.status,
    })),
  )
  await insertInBatches(documents, (batch) =>
    trx.insertInto('sandbox_document').values(batch).execute(),
  )
}

function addressRow(address: Address) {
  return {
    county: address.county,
    municipality: address.municipality,
    settlement: address.settlement,
    street: address.street,
    house: address.house,
    apartment: address.apartment,
    postal_code: address.postalCode,
  }
}

/** How the database was seeded, or undefined before seeding. */
export async function seedMarker(
  db: Kysely<unknown>,
): Promise<SeedMarker | undefined> {
  const row = await tables(db)
    .selectFrom('sandbox_meta')
    .select('value')
    .where('key', '=', SEEDED_KEY)
    .executeTakeFirst()
  return row ? (JSON.parse(row.value) as SeedMarker) : undefined
}

/** A person and their address, or undefined when the code is unknown. */
export async function findPerson(
  db: Kysely<unknown>,
  personalCode: string,
): Promise<PersonRecord | undefined> {
  const row = await personQuery(tables(db))
    .where('p.personal_code', '=', personalCode)
    .executeTakeFirst()
  return row && toPerson(row)
}

function personQuery(db: PopulationDb) {
  return db
    .selectFrom('sandbox_person as p')
    .leftJoin('sandbox_address as a', 'a.personal_code', 'p.personal_code')
    .select([
      'p.personal_code',
      'p.given_name',
      'p.family_name',
      'p.sex',
      day('p.birth_date').as('birth_date'),
      'p.kind',
      'p.citizenship',
      'p.phone_number',
      'a.county',
      'a.municipality',
      'a.settlement',
      'a.street',
      'a.house',
      'a.apartment',
      'a.postal_code',
    ])
}

type PersonRow = Awaited<
  ReturnType<ReturnType<typeof personQuery>['executeTakeFirstOrThrow']>
>

function toPerson(row: PersonRow): PersonRecord {
  const address: Address | null =
    row.county === null
      ? null
      : {
          county: row.county,
          municipality: row.municipality ?? '',
          settlement: row.settlement ?? '',
          street: row.street ?? '',
          house: row.house ?? '',
          apartment: row.apartment,
          postalCode: row.postal_code ?? '',
        }
  return {
    personalCode: row.personal_code,
    givenName: row.given_name,
    familyName: row.family_name,
    sex: row.sex as Sex,
    birthDate: row.birth_date,
    kind: row.kind as ResidentKind,
    citizenship: row.citizenship,
    address,
  }
}

async function exists(db: PopulationDb, personalCode: string) {
  const row = await db
    .selectFrom('sandbox_person')
    .select('personal_code')
    .where('personal_code', '=', personalCode)
    .executeTakeFirst()
  return row !== undefined
}

/** A person's spouse, children and parents; undefined for an unknown code. */
export async function findFamily(
  db: Kysely<unknown>,
  personalCode: string,
): Promise<FamilyRecord | undefined> {
  // One query: the person's own row says they exist, even with no family.
  const rows = await tables(db)
    .selectFrom('sandbox_person as person')
    .leftJoin('sandbox_family as f', 'f.personal_code', 'person.personal_code')
    .leftJoin('sandbox_person as p', 'p.personal_code', 'f.relative_code')
    .select([
      'f.relation',
      'p.personal_code',
      'p.given_name',
      'p.family_name',
      day('p.birth_date').as('birth_date'),
    ])
    .where('person.personal_code', '=', personalCode)
    .orderBy('p.birth_date')
    .orderBy('p.personal_code')
    .execute()
  if (rows.length === 0) return undefined

  const family: FamilyRecord = { spouse: null, children: [], parents: [] }
  for (const row of rows) {
    if (row.relation === null || row.personal_code === null) continue
    const relative: Relative = {
      personalCode: row.personal_code,
      givenName: row.given_name ?? '',
      familyName: row.family_name ?? '',
      birthDate: row.birth_date,
    }
    if (row.relation === 'spouse') family.spouse = relative
    else if (row.relation === 'child') family.children.push(relative)
    else family.parents.push(relative)
  }
  return family
}

/** A person's identity documents, oldest first; undefined when unknown. */
export async function findDocuments(
  db: Kysely<unknown>,
  personalCode: string,
): Promise<IdentityDocument[] | undefined> {
  const population = tables(db)
  if (!(await exists(population, personalCode))) return undefined

  const rows = await population
    .selectFrom('sandbox_document')
    .select([
      'type',
      'number',
      day('issued_on').as('issued_on'),
      day('valid_until').as('valid_until'),
      'status',
    ])
    .where('personal_code', '=', personalCode)
    .orderBy('issued_on')
    .orderBy('number')
    .execute()
  return rows.map((row) => ({
    type: row.type as DocumentType,
    number: row.number,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    status: row.status as DocumentStatus,
  }))
}

/**
 * Residents with their family links and documents: those `person` picks,
 * or everyone. Three queries, whatever the number of residents.
 */
async function loadResidents(
  db: Kysely<unknown>,
  person?: { column: 'p.personal_code' | 'p.phone_number'; value: string },
): Promise<Resident[]> {
  const population = tables(db)
  let people = personQuery(population).orderBy('p.personal_code')
  if (person) people = people.where(person.column, '=', person.value)
  const rows = await people.execute()
  if (rows.length === 0) return []

  const codes = rows.map((row) => row.personal_code)
  let links = population
    .selectFrom('sandbox_family as f')
    .innerJoin('sandbox_person as p', 'p.personal_code', 'f.relative_code')
    .select(['f.personal_code', 'f.relative_code', 'f.relation'])
    .orderBy('p.birth_date')
    .orderBy('p.personal_code')
  let documents = population
    .selectFrom('sandbox_document')
    .select([
      'personal_code',
      'type',
      'number',
      day('issued_on').as('issued_on'),
      day('valid_until').as('valid_until'),
      'status',
    ])
    .orderBy('issued_on')
    .orderBy('number')
  if (person) {
    links = links.where('f.personal_code', 'in', codes)
    documents = documents.where('personal_code', 'in', codes)
  }

  const residents = new Map<string, Resident>()
  for (const row of rows) {
    residents.set(row.personal_code, {
      ...toPerson(row),
      phoneNumber: row.phone_number,
      family: { spouse: null, children: [], parents: [] },
      documents: [],
    })
  }
  for (const link of await links.execute()) {
    const family = residents.get(link.personal_code)?.family
    if (!family) continue
    if (link.relation === 'spouse') family.spouse = link.relative_code
    else if (link.relation === 'child') family.children.push(link.relative_code)
    else family.parents.push(link.relative_code)
  }
  for (const row of await documents.execute()) {
    residents.get(row.personal_code)?.documents.push({
      type: row.type as DocumentType,
      number: row.number,
      issuedOn: row.issued_on,
      validUntil: row.valid_until,
      status: row.status as DocumentStatus,
    })
  }
  return [...residents.values()]
}

/** Everything the register holds on one resident, or undefined. */
export async function findResident(
  db: Kysely<unknown>,
  personalCode: string,
): Promise<Resident | undefined> {
  const [resident] = await loadResidents(db, {
    column: 'p.personal_code',
    value: personalCode,
  })
  return resident
}

/** The resident with this Mobile-ID number, or undefined. */
export async function findResidentByPhone(
  db: Kysely<unknown>,
  phoneNumber: string,
): Promise<Resident | undefined> {
  const [resident] = await loadResidents(db, {
    column: 'p.phone_number',
    value: phoneNumber,
  })
  return resident
}

/** Every resident, by personal code. */
export function listResidents(db: Kysely<unknown>): Promise<Resident[]> {
  return loadResidents(db)
}
