import { describe, expect, it } from 'vitest'
import type { TrackedUsage } from '@/api/tracker'
import { usagesToCsv, usagesToJson } from './exportRecords'
import { groupByDay } from './timeline'

const usage: TrackedUsage = {
  register: 'ee-dev/GOV/70008440/population/findUsage',
  logtime: '2026-12-03T22:30:00.000Z',
  action: 'persons.read',
  receiverCode: '70008747',
  receiverSystem: 'menetlus',
  byPortal: false,
  record: { why: 'x' },
  leafIndex: 7,
  proof: ['AAAA'],
}

const names = {
  agency: () => 'Police, "PPA"',
  register: () => 'population register',
  action: () => '=HYPERLINK("x")',
  state: () => 'Verified',
}

describe('exporting the records', () => {
  it('writes RFC 4180 CSV with Tallinn days and no spreadsheet formulas', () => {
    const lines = usagesToCsv([usage], names).split('\r\n')
    expect(lines[0]).toBe(
      'logtime,day,agencyCode,agency,system,register,action,byPortal,leafIndex,verification',
    )
    expect(lines[1]).toBe(
      '2026-12-03T22:30:00.000Z,2026-12-04,70008747,"Police, ""PPA""",menetlus,population register,"\'=HYPERLINK(""x"")",no,7,Verified',
    )
    expect(lines[2]).toBe('')
  })

  it('keeps every proof in the JSON copy', () => {
    const answer = { from: 'a', to: 'b', registers: [], usages: [usage] }
    const copy = JSON.parse(usagesToJson(answer, [usage]))
    expect(copy.usages[0]).toEqual(usage)
    expect(copy.from).toBe('a')
  })

  it('groups by Tallinn day, newest first', () => {
    const earlier = { ...usage, logtime: '2026-12-03T21:59:00.000Z' }
    expect(groupByDay([earlier, usage]).map((d) => d.day)).toEqual([
      '2026-12-04',
      '2026-12-03',
    ])
  })
})
