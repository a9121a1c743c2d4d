import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { announcements, recordAnnouncements } from '../support/announcements.ts'
import { browserSuite } from '../support/browserSuite.ts'
import { focused, tabTo } from '../support/keyboard.ts'
import {
  identityWithNote,
  sandboxCitizen,
  sandboxIdentities,
  type SandboxIdentity,
} from '../support/sandboxCitizen.ts'

/**
 * Citizens who use only a keyboard: every step is a key press, and the
 * only navigation the test makes itself is opening the home page.
 */

const MARY = {
  personalCode: '60001019906',
  phoneNumber: '+37200000766',
  name: 'MARY ÄNN O’CONNEŽ-ŠUSLIK TESTNUMBER',
}

interface Relative {
  givenName: string
  familyName: string
}

interface PersonalData {
  person: {
    personalCode: string
    givenName: string
    familyName: string
    address: {
      county: string
      municipality: string
      settlement: string
      street: string
      house: string
      apartment: string | null
      postalCode: string
    } | null
  }
  family: { spouse: Relative | null; children: Relative[]; parents: Relative[] }
}

interface IdentityDocument {
  type: string
  number: string
  validUntil: string
  renewal: 'none' | 'due' | 'expired' | 'revoked'
}

const DOCUMENT_TYPES: Record<string, string> = {
  'id-card': 'ID-card',
  passport: 'Passport',
  'digital-id': 'Digital ID',
  'residence-permit-card': 'Residence permit card',
}

const RENEWAL_LABELS: Record<IdentityDocument['renewal'], string> = {
  none: 'Valid',
  due: 'Renewal due',
  expired: 'Expired',
  revoked: 'Revoked',
}

/** A date as the portal shows it in English: "5 April 2028". */
function englishDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Tallinn',
  }).format(new Date(isoDate))
}

/** The first Tab reaches the skip link, and it moves focus to the content. */
async function useSkipLink(page: Page): Promise<void> {
  await page.keyboard.press('Tab')
  expect(await focused(page)).toMatchObject({
    tag: 'A',
    text: 'Skip to main content',
  })
  await page.keyboard.press('Enter')
  expect((await focused(page)).id).toBe('main')
}

/** Types into the catalog search and follows the module's link. */
async function followFromCatalog(
  page: Page,
  query: string,
  title: string,
): Promise<void> {
  await page.keyboard.press('Tab')
  expect(await focused(page)).toMatchObject({
    tag: 'INPUT',
    id: 'catalog-search',
  })
  await page.keyboard.type(query)
  await tabTo(page, (element) => element.tag === 'A' && element.text === title)
  await page.keyboard.press('Enter')
}

function pathAndQuery(page: Page): string {
  const url = new URL(page.url())
  return url.pathname + url.search
}

/**
 * After a page change: the URL, focus on the new page's h1, the document
 * title, and the polite announcement of the page.
 */
async function expectArrival(
  page: Page,
  heading: string,
  path: RegExp,
): Promise<void> {
  await expect.poll(() => pathAndQuery(page)).toMatch(path)
  await expect
    .poll(() => focused(page))
    .toMatchObject({ tag: 'H1', text: heading })
  expect(await page.title()).toBe(`${heading} – Citizen Portal`)
  await expect
    .poll(() => announcements(page))
    .toContain(`Page opened: ${heading}`)
}

/**
 * Tabs to a test identity's button on the sign-in page and presses it,
 * which fills in the Mobile-ID form and moves focus to it; Enter sends it,
 * and the sandbox Mobile-ID service confirms.
 */
async function chooseIdentity(
  page: Page,
  personalCode: string,
  key: 'Enter' | 'Space',
): Promise<void> {
  await tabTo(
    page,
    (element) =>
      element.tag === 'BUTTON' && element.text.includes(personalCode),
  )
  await page.keyboard.press(key)
  await expect
    .poll(() => focused(page))
    .toMatchObject({ tag: 'INPUT', id: 'mobile-id-phone' })
  const code = page.locator('#mobile-id-personal-code')
  expect(await code.inputValue()).toBe(personalCode)
  await page.keyboard.press('Enter')
}

function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText()
}

function addressLines(address: NonNullable<PersonalData['person']['address']>) {
  const apartment = address.apartment ? `-${address.apartment}` : ''
  return [
    `${address.street} ${address.house}${apartment}`,
    `${address.settlement}, ${address.municipality}`,
    `${address.postalCode} ${address.county}`,
  ]
}

function relatives({ family }: PersonalData): Relative[] {
  return [
    ...(family.spouse ? [family.spouse] : []),
    ...family.parents,
    ...family.children,
  ]
}

/** Each document's type, number, validity, state and renewal note show. */
async function expectDocuments(
  page: Page,
  documents: readonly IdentityDocument[],
): Promise<void> {
  const items = page.locator('main li')
  await expect.poll(() => items.count()).toBe(documents.length)
  for (const [index, document] of documents.entries()) {
    const text = await items.nth(index).innerText()
    expect(text).toContain(DOCUMENT_TYPES[document.type] ?? document.type)
    expect(text).toContain(document.number)
    expect(text).toContain(englishDate(document.validUntil))
    expect(text).toContain(RENEWAL_LABELS[document.renewal])
    if (document.renewal === 'due') {
      expect(text).toContain(
        `Renew this document: it is valid until ${englishDate(document.validUntil)}.`,
      )
    } else if (document.renewal === 'expired') {
      expect(text).toContain(
        `This document expired on ${englishDate(document.validUntil)}.`,
      )
    } else if (document.renewal === 'none') {
      expect(text).not.toMatch(/Renew this document|expired on|revoked and/)
    }
  }
}

function documentsLoadedText(documents: readonly IdentityDocument[]): string {
  const due = documents.filter((d) => d.renewal !== 'none').length
  return due > 0
    ? `Your documents have loaded. ${due} need your attention.`
    : 'Your documents have loaded.'
}

describe('keyboard-only journeys', () => {
  const suite = browserSuite({
    async preparePage(page) {
      await recordAnnouncements(page)
      await page.goto('/')
      await page
        .getByRole('heading', { level: 1, name: 'E-services' })
        .waitFor()
      expect(await page.title()).toBe('E-services – Citizen Portal')
    },
  })
  let identities: SandboxIdentity[]

  beforeAll(async () => {
    identities = await sandboxIdentities(suite.portal.origin)
  })

  it('takes a resident from the catalog through sign-in to her personal data', async () => {
    const expected = await sandboxCitizen(suite.portal.origin, MARY)
    const data = await expected.get<PersonalData>(
      '/services/personal-data/person',
    )
    expect(data.person.address).not.toBeNull()

    await useSkipLink(suite.page)
    await followFromCatalog(suite.page, 'personal', 'My personal data')
    await expectArrival(
      suite.page,
      'Sign in',
      /^\/sign-in\?redirect=.*personal-data/,
    )

    await chooseIdentity(suite.page, MARY.personalCode, 'Enter')
    await expectArrival(
      suite.page,
      'My personal data',
      /^\/services\/personal-data$/,
    )
    await expect
      .poll(() => announcements(suite.page))
      .toContain('Your personal data has loaded.')

    const text = await mainText(suite.page)
    expect(text).toContain(MARY.name)
    expect(text).toContain(MARY.personalCode)
    for (const line of addressLines(data.person.address!)) {
      expect(text).toContain(line)
    }
    const family = relatives(data)
    expect(family.length).toBeGreaterThan(0)
    for (const relative of family) {
      expect(text).toContain(`${relative.givenName} ${relative.familyName}`)
    }

    // From the page's heading, back up to the skip link and use it again.
    await tabTo(suite.page, (e) => e.text === 'Skip to main content', {
      backwards: true,
    })
    await suite.page.keyboard.press('Enter')
    expect((await focused(suite.page)).id).toBe('main')
  })

  it('takes a resident from the catalog through sign-in to her documents', async () => {
    const expected = await sandboxCitizen(suite.portal.origin, MARY)
    const { documents } = await expected.get<{ documents: IdentityDocument[] }>(
      '/services/documents/documents',
    )
    expect(documents.length).toBeGreaterThan(0)

    await useSkipLink(suite.page)
    await followFromCatalog(suite.page, 'documents', 'My documents')
    await expectArrival(
      suite.page,
      'Sign in',
      /^\/sign-in\?redirect=.*documents/,
    )

    await chooseIdentity(suite.page, MARY.personalCode, 'Space')
    await expectArrival(suite.page, 'My documents', /^\/services\/documents$/)
    await expect
      .poll(() => announcements(suite.page))
      .toContain(documentsLoadedText(documents))
    await expectDocuments(suite.page, documents)
  })

  it('lets an e-resident sign in from the menu, then shows no address', async () => {
    const eResident = identityWithNote(identities, /^e-resident/)
    const expected = await sandboxCitizen(suite.portal.origin, eResident)
    const data = await expected.get<PersonalData>(
      '/services/personal-data/person',
    )
    expect(data.person.address).toBeNull()

    // The menu opens with Space, closes with Escape and gives focus back.
    const menu = suite.page.getByRole('button', { name: 'Menu' })
    await tabTo(suite.page, (e) => e.tag === 'BUTTON' && e.text === 'Menu')
    await suite.page.keyboard.press('Space')
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await suite.page.keyboard.press('Escape')
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await focused(suite.page)).toMatchObject({
      tag: 'BUTTON',
      text: 'Menu',
    })

    await suite.page.keyboard.press('Enter')
    await tabTo(
      suite.page,
      (e) => e.tag === 'A' && e.text === 'Sign in' && e.href === '/sign-in',
    )
    await suite.page.keyboard.press('Enter')
    await expectArrival(suite.page, 'Sign in', /^\/sign-in$/)

    await chooseIdentity(suite.page, eResident.personalCode, 'Enter')
    await expectArrival(suite.page, 'E-services', /^\/$/)

    await tabTo(
      suite.page,
      (e) => e.tag === 'A' && e.text === 'My personal data',
    )
    await suite.page.keyboard.press('Enter')
    await expectArrival(
      suite.page,
      'My personal data',
      /^\/services\/personal-data$/,
    )
    await expect
      .poll(() => announcements(suite.page))
      .toContain('Your personal data has loaded.')

    const text = await mainText(suite.page)
    expect(text).toContain(eResident.name)
    expect(text).toContain(eResident.personalCode)
    expect(text).toContain('No address in Estonia')
  })

  it('tells a resident whose ID-card is due for renewal to renew it', async () => {
    const resident = identityWithNote(identities, /^ID-card expires soon/)
    const expected = await sandboxCitizen(suite.portal.origin, resident)
    const { documents } = await expected.get<{ documents: IdentityDocument[] }>(
      '/services/documents/documents',
    )
    expect(documents).toContainEqual(
      expect.objectContaining({ type: 'id-card', renewal: 'due' }),
    )

    await useSkipLink(suite.page)
    await followFromCatalog(suite.page, 'ID-card', 'My documents')
    await expectArrival(
      suite.page,
      'Sign in',
      /^\/sign-in\?redirect=.*documents/,
    )

    await chooseIdentity(suite.page, resident.personalCode, 'Enter')
    await expectArrival(suite.page, 'My documents', /^\/services\/documents$/)
    await expect
      .poll(() => announcements(suite.page))
      .toContain(documentsLoadedText(documents))
    await expectDocuments(suite.page, documents)
  })
})
