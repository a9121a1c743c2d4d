import type { ServiceManifest } from '@common/catalog/manifest'
import { describe, expect, it } from 'vitest'
import {
  groupByLifeEvent,
  matchesQuery,
  normaliseForSearch,
  searchTerms,
} from './search'

function manifest(
  id: string,
  lifeEvent: ServiceManifest['lifeEvent'],
  titles: [string, string, string],
  extra: Partial<ServiceManifest> = {},
): ServiceManifest {
  const [et, en, ru] = titles
  return {
    id,
    agency: {
      name: {
        et: 'Maksu- ja Tolliamet',
        en: 'Tax and Customs Board',
        ru: 'Налогово-таможенный департамент',
      },
      xroadMember: 'ee-dev/GOV/70000349',
    },
    title: { et, en, ru },
    description: { et: et, en: en, ru: ru },
    lifeEvent,
    assurance: 'none',
    routes: [{ path: '', page: 'Start.vue', title: { et, en, ru } }],
    services: [],
    offline: 'none',
    status: 'live',
    contact: { email: 'info@example.ee' },
    accessibility: { conformance: 'full', statement: { et, en, ru } },
    ...extra,
  }
}

describe('normaliseForSearch', () => {
  it('drops Estonian diacritics so plain letters match them', () => {
    expect(normaliseForSearch('Õpetaja äri Ööbik Ülemiste šokk žürii')).toBe(
      'opetaja ari oobik ulemiste sokk zurii',
    )
  })

  it('reads Russian ё as е in either case', () => {
    expect(normaliseForSearch('Ребёнок ЁЛКА')).toBe('ребенок елка')
  })

  it('keeps Russian й as a letter of its own', () => {
    expect(normaliseForSearch('Мой')).toBe('мой')
    expect(normaliseForSearch('Мой')).not.toBe('мои')
  })

  it('ignores case, punctuation and extra spaces', () => {
    expect(normaliseForSearch('  Tax—RETURN,  2026! ')).toBe('tax return 2026')
  })

  it('treats composed and decomposed letters the same', () => {
    expect(normaliseForSearch('o\u0303un')).toBe(normaliseForSearch('õun'))
  })
})

describe('searchTerms', () => {
  it('splits a query into folded words and treats blanks as no query', () => {
    expect(searchTerms('  Ülikool  Tartu ')).toEqual(['ulikool', 'tartu'])
    expect(searchTerms('   ')).toEqual([])
  })
})

describe('matchesQuery', () => {
  const benefit = manifest(
    'child-benefit',
    'family',
    ['Lapsetoetus', 'Child benefit', 'Пособие на ребёнка'],
    { keywords: { et: ['peretoetus'], en: ['kids'], ru: ['семья'] } },
  )

  it('matches a title typed without diacritics, ё or capitals', () => {
    expect(matchesQuery(benefit, searchTerms('РЕБЕНКА'), 'ru')).toBe(true)
    expect(matchesQuery(benefit, searchTerms('lapse'), 'et')).toBe(true)
  })

  it('matches agency names and keywords of the current language', () => {
    expect(matchesQuery(benefit, searchTerms('tolliamet'), 'et')).toBe(true)
    expect(matchesQuery(benefit, searchTerms('kids'), 'en')).toBe(true)
    expect(matchesQuery(benefit, searchTerms('kids'), 'et')).toBe(false)
  })

  it('needs every word of the query to occur', () => {
    expect(matchesQuery(benefit, searchTerms('child benefit'), 'en')).toBe(true)
    expect(matchesQuery(benefit, searchTerms('child passport'), 'en')).toBe(
      false,
    )
  })

  it('matches everything when the query is empty', () => {
    expect(matchesQuery(benefit, [], 'en')).toBe(true)
  })
})

describe('groupByLifeEvent', () => {
  const modules = [
    manifest('vote', 'elections', ['Valimine', 'Voting', 'Голосование']),
    manifest('tax', 'work-and-taxes', [
      'Tuludeklaratsioon',
      'Tax return',
      'Декларация',
    ]),
    manifest('school', 'family', ['Õppekoht', 'Enrolment', 'Место в школе']),
    manifest('allowance', 'family', [
      'Vanemahüvitis',
      'Parental benefit',
      'Пособие',
    ]),
  ]

  it('orders groups as LIFE_EVENTS and leaves out empty ones', () => {
    const groups = groupByLifeEvent(modules, 'en')
    expect(groups.map((g) => g.lifeEvent)).toEqual([
      'family',
      'work-and-taxes',
      'elections',
    ])
  })

  it('sorts each group by title as the language sorts', () => {
    // In the Estonian alphabet õ comes after v, so Õppekoht sorts last.
    const [familyEt] = groupByLifeEvent(modules, 'et')
    expect(familyEt?.modules.map((m) => m.id)).toEqual(['allowance', 'school'])
    const [familyEn] = groupByLifeEvent(modules, 'en')
    expect(familyEn?.modules.map((m) => m.id)).toEqual(['school', 'allowance'])
  })

  it('gives no groups for no modules', () => {
    expect(groupByLifeEvent([], 'ru')).toEqual([])
  })
})
