import { makePersonalCode } from '../../common/personalCode.ts'
import type { UsageLogEntry } from './record.ts'

/** Two people whose data the test registers use. */
export const MARY = '60001019906'
export const JOHN = makePersonalCode('1980-05-05', 'male', 12)

/** A usage entry as a register would append it, numbered for tracing. */
export function entry(
  n: number,
  overrides: Partial<UsageLogEntry> = {},
): UsageLogEntry {
  return {
    who: {
      client: 'ee-dev/GOV/70000001/citizen-portal',
      memberCode: '70000001',
      memberName: 'Citizen Portal',
      subsystem: 'citizen-portal',
      official: `EE${MARY}`,
    },
    whose: { personalCode: n % 3 === 0 ? JOHN : MARY },
    what: {
      register: 'ee-dev/GOV/70000349/emta',
      dataset: 'income-tax',
      action: 'declarations.read',
    },
    why: `case-${n}`,
    when: new Date(Date.UTC(2025, 5, 15, 10, 0, n)).toISOString(),
    messageId: `message-${n}`,
    ...overrides,
  }
}
