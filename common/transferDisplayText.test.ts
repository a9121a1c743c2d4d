import { describe, expect, it } from 'vitest'
import {
  formatEstAmount,
  isGsm7,
  mobileIdDisplayText,
  transferDisplayText,
} from './transferDisplayText.ts'

const length = (text: string) => Array.from(text).length

describe('the display text of a transfer', () => {
  it('names the amount and the masked name in full when they fit', () => {
    expect(transferDisplayText(12500, 'M*** Ä***', 40, 'en')).toBe(
      'Send 125.00 EST to M*** Ä***',
    )
    expect(transferDisplayText(12500, 'M*** Ä***', 40, 'et')).toBe(
      'Saada 125,00 EST: M*** Ä***',
    )
    expect(transferDisplayText(12500, 'M*** Ä***', 40, 'ru')).toBe(
      'Перевод 125,00 EST: M*** Ä***',
    )
  })

  it('shortens the name, never the amount, at the UCS-2 limit of 20', () => {
    expect(transferDisplayText(12500, 'M*** Ä***', 20, 'en')).toBe(
      '125.00 EST M*** Ä***',
    )
    const long = 'O’C*****-Š***** M*** Ä***'
    for (const locale of ['et', 'en', 'ru'] as const) {
      const text = transferDisplayText(987654321, long, 20, locale)
      expect(length(text)).toBeLessThanOrEqual(20)
      expect(text).toContain(formatEstAmount(987654321, locale))
    }
    expect(transferDisplayText(987654321, long, 20, 'en')).toBe(
      '9876543.21 EST OCŠMÄ',
    )
  })

  it('uses the initials with dots before the bare initials', () => {
    const name = 'O’C*****-Š***** M*** Ä***'
    expect(transferDisplayText(100, name, 31, 'en')).toBe(
      'Send 1.00 EST to O. C. Š. M. Ä.',
    )
    expect(transferDisplayText(100, name, 30, 'en')).toBe(
      '1.00 EST to O. C. Š. M. Ä.',
    )
  })

  it.each([
    ['et', 60],
    ['en', 60],
    ['ru', 60],
    ['et', 200],
    ['en', 200],
    ['ru', 200],
  ] as const)('fits %s within %i characters (Smart-ID)', (locale, limit) => {
    const name = 'A***-B*** C*** D*** E*** F*** G*** H*** I*** J***'
    const text = transferDisplayText(5, name, limit, locale)
    expect(length(text)).toBeLessThanOrEqual(limit)
    expect(text).toContain(formatEstAmount(5, locale))
  })

  it('drops the name only when not even the initials fit', () => {
    expect(transferDisplayText(12500, 'M*** Ä***', 11, 'en')).toBe('125.00 EST')
  })

  it('refuses when the amount alone does not fit', () => {
    expect(() => transferDisplayText(12500, 'M*** Ä***', 9, 'en')).toThrow(
      RangeError,
    )
  })
})

describe('the Mobile-ID display text', () => {
  it('stays GSM-7 when a shorter Russian form has only GSM-7 letters', () => {
    expect(mobileIdDisplayText(12500, 'M*** Ä***', 'ru')).toEqual({
      displayText: '125,00 EST M*** Ä***',
      displayTextFormat: 'GSM-7',
    })
  })

  it('is GSM-7 up to 40 characters for Latin letters with Ä', () => {
    const shown = mobileIdDisplayText(12500, 'M*** Ä***', 'en')
    expect(shown).toEqual({
      displayText: 'Send 125.00 EST to M*** Ä***',
      displayTextFormat: 'GSM-7',
    })
  })

  it('is UCS-2 within 20 characters for Š and for Cyrillic', () => {
    const withCaron = mobileIdDisplayText(12500, 'Š*** Ž***', 'en')
    expect(withCaron.displayTextFormat).toBe('UCS-2')
    expect(length(withCaron.displayText)).toBeLessThanOrEqual(20)
    expect(withCaron.displayText).toContain('125.00')

    const russian = mobileIdDisplayText(12500, 'М*** Ш***', 'ru')
    expect(russian.displayTextFormat).toBe('UCS-2')
    expect(length(russian.displayText)).toBeLessThanOrEqual(20)
    expect(russian.displayText).toContain('125,00')
  })

  it('knows which characters GSM-7 has', () => {
    expect(isGsm7('Ä Ö Ü ä ö ü')).toBe(true)
    expect(isGsm7('Š')).toBe(false)
    expect(isGsm7('Перевод')).toBe(false)
  })
})
