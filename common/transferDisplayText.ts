/**
 * The short text an identity provider shows on the citizen's phone or in
 * the Smart-ID app when they sign an EstCoin transfer: the amount and the
 * recipient, within the provider's character limit. The amount is never
 * shortened; the recipient's (already masked) name is, step by step, and
 * the wording falls back to a terser form before the name is dropped.
 */

/** The languages the portal speaks. */
export type DisplayLocale = 'et' | 'en' | 'ru'

/** Wordings from the fullest to the tersest; `{a}` amount, `{n}` name. */
const WORDINGS: Record<DisplayLocale, readonly string[]> = {
  en: ['Send {a} EST to {n}', '{a} EST to {n}', '{a} EST {n}'],
  et: ['Saada {a} EST: {n}', '{a} EST: {n}', '{a} EST {n}'],
  ru: ['Перевод {a} EST: {n}', '{a} EST: {n}', '{a} EST {n}'],
}

/** Amount in cents as the locale writes it: `125.00` or `125,00`. */
export function formatEstAmount(cents: number, locale: DisplayLocale): string {
  if (!Number.isSafeInteger(cents) || cents < 0) {
    throw new RangeError('The amount must be a non-negative integer of cents')
  }
  const whole = Math.floor(cents / 100)
  const fraction = String(cents % 100).padStart(2, '0')
  return `${whole}${locale === 'en' ? '.' : ','}${fraction}`
}

/**
 * The name in ever shorter forms: as given (`M*** Ä***`), each part cut to
 * its first letter and a dot (`M. Ä.`), then the initials alone (`MÄ`).
 * Separators inside a part (`O’C*****-Š*****`) split it into parts.
 */
function nameForms(name: string): string[] {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  const parts = trimmed.split(/[\s\-’']+/u).filter((p) => p.length > 0)
  const initials = parts.map((p) => Array.from(p)[0] ?? '')
  return [
    trimmed,
    initials.map((i) => `${i}.`).join(' '),
    initials.join(''),
  ].filter((form, index, all) => form && all.indexOf(form) === index)
}

/** Length in characters (code points), as the providers count them. */
function charLength(text: string): number {
  return Array.from(text).length
}

/**
 * The display text for sending `cents` to the recipient, at most `limit`
 * characters: the first wording and name form that fit, preferring a
 * longer name over a fuller wording. Throws a RangeError when even the
 * amount alone does not fit.
 */
export function transferDisplayText(
  cents: number,
  recipientMaskedName: string,
  limit: number,
  locale: DisplayLocale = 'en',
): string {
  const amount = formatEstAmount(cents, locale)
  const fill = (wording: string, name: string) =>
    wording.replace('{a}', amount).replace('{n}', name).trim()
  for (const name of nameForms(recipientMaskedName)) {
    for (const wording of WORDINGS[locale]) {
      const text = fill(wording, name)
      if (charLength(text) <= limit) return text
    }
  }
  const bare = `${amount} EST`
  if (charLength(bare) <= limit) return bare
  throw new RangeError(`The amount ${bare} does not fit in ${limit} characters`)
}

/**
 * The GSM 03.38 default alphabet (without the escape table): a Mobile-ID
 * displayText in it may be 40 characters long, otherwise it is sent as
 * UCS-2 and may be 20.
 */
const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

/** Whether every character of the text is in the GSM-7 default alphabet. */
export function isGsm7(text: string): boolean {
  return Array.from(text).every((c) => GSM7.includes(c))
}

/** Mobile-ID's displayText limits by displayTextFormat. */
export const MOBILE_ID_TEXT_LIMITS = { 'GSM-7': 40, 'UCS-2': 20 } as const

/**
 * The Mobile-ID displayText and its displayTextFormat: GSM-7 (40
 * characters) when the text can be written in it, otherwise UCS-2 (20).
 */
export function mobileIdDisplayText(
  cents: number,
  recipientMaskedName: string,
  locale: DisplayLocale,
): { displayText: string; displayTextFormat: 'GSM-7' | 'UCS-2' } {
  const long = transferDisplayText(
    cents,
    recipientMaskedName,
    MOBILE_ID_TEXT_LIMITS['GSM-7'],
    locale,
  )
  if (isGsm7(long)) return { displayText: long, displayTextFormat: 'GSM-7' }
  const short = transferDisplayText(
    cents,
    recipientMaskedName,
    MOBILE_ID_TEXT_LIMITS['UCS-2'],
    locale,
  )
  // A shorter form may have dropped the characters GSM-7 lacks.
  const shortGsm = isGsm7(short)
  return { displayText: short, displayTextFormat: shortGsm ? 'GSM-7' : 'UCS-2' }
}
