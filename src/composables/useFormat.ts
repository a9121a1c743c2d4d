import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLanguage, LOCALE_TAGS } from '@/i18n/language'

/** All dates are shown as they are in Estonia, wherever the device is. */
export const PORTAL_TIME_ZONE = 'Europe/Tallinn'

type DateInput = Date | string | number

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value)
}

/**
 * Formats a date in a language, in Europe/Tallinn time.
 * @param value a Date, an ISO string or epoch milliseconds
 * @param tag a BCP 47 locale tag such as `et-EE`
 */
export function formatDateTime(
  value: DateInput,
  tag: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'long' },
): string {
  return new Intl.DateTimeFormat(tag, {
    ...options,
    timeZone: PORTAL_TIME_ZONE,
  }).format(toDate(value))
}

/**
 * Date and number formatting in the current portal language, always in
 * Europe/Tallinn time; re-renders when the language changes.
 */
export function useFormat() {
  const { locale } = useI18n({ useScope: 'global' })
  const tag = computed(() =>
    isLanguage(locale.value) ? LOCALE_TAGS[locale.value] : 'et-EE',
  )

  return {
    /** e.g. "3. detsember 2026", "3 December 2026", "3 декабря 2026 г." */
    date: (value: DateInput, options?: Intl.DateTimeFormatOptions) =>
      formatDateTime(value, tag.value, options),
    /** Date and time of day, e.g. "3 Dec 2026, 21:04". */
    dateTime: (value: DateInput) =>
      formatDateTime(value, tag.value, {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    /** Time of day, e.g. "21:04". */
    time: (value: DateInput) =>
      formatDateTime(value, tag.value, { timeStyle: 'short' }),
    /** A number with the language's separators. */
    number: (value: number, options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(tag.value, options).format(value),
  }
}
