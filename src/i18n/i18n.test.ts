import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDateTime } from '@/composables/useFormat'
import { useLanguage } from '@/testing/harness'
import { i18n, russianPlural } from './i18n'

describe('plural forms', () => {
  beforeAll(() => useLanguage('ru'))
  afterAll(() => useLanguage('en'))

  it('pick the Russian one, few and many forms', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => russianPlural(n, 3))).toEqual([
      0, 1, 2, 2, 0, 1, 2,
    ])
    const { t } = i18n.global
    expect(t('catalog.results', { count: 1 }, 1)).toBe('Найдена 1 э-услуга')
    expect(t('catalog.results', { count: 3 }, 3)).toBe('Найдены 3 э-услуги')
    expect(t('catalog.results', { count: 7 }, 7)).toBe('Найдено 7 э-услуг')
  })

  it('pick the Estonian singular only for one', async () => {
    await useLanguage('et')
    const { t } = i18n.global
    expect(t('catalog.results', { count: 1 }, 1)).toBe('Leitud 1 e-teenus')
    expect(t('catalog.results', { count: 21 }, 21)).toBe('Leitud 21 e-teenust')
  })
})

describe('dates', () => {
  it('are shown in Europe/Tallinn time in each language', () => {
    // 22:30 UTC on 31 December is already 1 January in Tallinn.
    const moment = '2026-12-31T22:30:00Z'
    expect(formatDateTime(moment, 'et-EE')).toBe('1. jaanuar 2027')
    expect(formatDateTime(moment, 'en-GB')).toBe('1 January 2027')
    expect(formatDateTime(moment, 'ru-RU')).toBe('1 января 2027 г.')
    expect(
      formatDateTime('2026-07-01T09:00:00Z', 'et-EE', { timeStyle: 'short' }),
    ).toBe('12:00')
  })
})
