import { useFormat } from '@/composables/useFormat'
import { CENTS_FORMAT } from './amount'

/**
 * EstCoin amounts in the portal's language, e.g. "1 234,50 EST" in
 * Estonian and "1,234.50 EST" in English; out-going ones with a minus.
 */
export function useEstFormat() {
  const format = useFormat()

  /** Cents as "12.50 EST", with the language's separators. */
  function est(cents: number): string {
    return `${format.number(cents / 100, CENTS_FORMAT)} EST`
  }

  /** A transfer's amount with its sign: "+12.50 EST" or "−12.50 EST". */
  function signed(cents: number, direction: 'in' | 'out'): string {
    return `${direction === 'in' ? '+' : '−'}${est(cents)}`
  }

  /** The language's decimal separator, for amounts put into inputs. */
  function decimalSeparator(): string {
    return format.number(1.5).replace(/\d/g, '') || '.'
  }

  return { ...format, est, signed, decimalSeparator }
}
