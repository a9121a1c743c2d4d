import { describe, expect, it } from 'vitest'
import { readRegisterAnswer } from './registerAnswer.ts'

const usage = {
  logtime: '2026-12-03T10:00:00+02:00',
  action: 'persons.read',
  receiverCode: '70008747',
  receiverName: 'Politsei- ja Piirivalveamet',
  receiverSystem: 'menetlus',
}

describe('readRegisterAnswer', () => {
  it('reads a findUsage v2 answer and normalises its times to UTC', () => {
    expect(readRegisterAnswer({ totalUsages: 1, usages: [usage] })).toEqual({
      totalUsages: 1,
      usages: [{ ...usage, logtime: '2026-12-03T08:00:00.000Z' }],
    })
  })

  it('keeps a proven record with its index and proof; a pending one has no proof', () => {
    const record = { salt: 'c2FsdA==', who: { member: '70008747' } }
    const proven = {
      ...usage,
      record,
      leafIndex: 4,
      proof: ['AAAA'],
      treeSize: 9,
    }
    const pending = { ...usage, record, leafIndex: 9 }
    const answer = readRegisterAnswer({
      totalUsages: 2,
      usages: [proven, pending],
    })
    expect(answer.usages[0]).toMatchObject({
      leafIndex: 4,
      proof: ['AAAA'],
      treeSize: 9,
    })
    expect(answer.usages[1]).toMatchObject({
      leafIndex: 9,
      proof: null,
      treeSize: null,
    })
  })

  it('keeps the witnessed checkpoint the proofs lead to, when sent', () => {
    const note = 'origin usage log\n9\nAAAA\n\n— origin AAAA\n'
    expect(
      readRegisterAnswer({
        totalUsages: 0,
        usages: [],
        checkpoint: { size: 9, note },
      }).checkpoint,
    ).toBe(note)
    for (const checkpoint of [null, 'note', { note: '' }, { note: 'x' }]) {
      expect(() =>
        readRegisterAnswer({ totalUsages: 0, usages: [], checkpoint }),
      ).toThrow()
    }
  })

  it('refuses anything that is not such an answer', () => {
    const bad: unknown[] = [
      null,
      'text',
      { usages: [] },
      { totalUsages: -1, usages: [] },
      { totalUsages: 1, usages: [null] },
      { totalUsages: 1, usages: [{ ...usage, logtime: 'yesterday' }] },
      { totalUsages: 1, usages: [{ ...usage, action: '' }] },
      { totalUsages: 1, usages: [{ ...usage, receiverName: 7 }] },
      { totalUsages: 1, usages: [{ ...usage, record: {}, leafIndex: -1 }] },
      {
        totalUsages: 1,
        usages: [{ ...usage, record: {}, leafIndex: 1, proof: [1] }],
      },
    ]
    for (const body of bad)
      expect(() => readRegisterAnswer(body), JSON.stringify(body)).toThrow()
  })
})
