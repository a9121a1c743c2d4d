import { describe, expect, it } from 'vitest'
import type { WalletStatement } from '@/api/wallet'
import { statementToCsv, tallinnDateTime } from './statementCsv'

const STATEMENT: WalletStatement = {
  month: '2026-11',
  openingBalance: 10000,
  closingBalance: 8755,
  entries: [
    {
      id: 'b1c7a4de-58a8-4b5c-9a53-6e0f0d7f3b02',
      createdAt: '2026-11-30T22:15:00.000Z',
      direction: 'in',
      counterparty: { personalCode: '49403136526', maskedName: 'M*** Ä***' },
      amount: 5,
      description: '=HYPERLINK("http://evil")',
      balanceAfter: 8755,
    },
    {
      id: '0d1f3a44-2b7e-4a40-8d0c-1c5a7b3f9e11',
      createdAt: '2026-11-02T08:00:00.000Z',
      direction: 'out',
      counterparty: {
        personalCode: '38001085718',
        maskedName: 'O’C*****-Š*****',
      },
      amount: 1250,
      description: 'Lunch, "the usual"\nthanks',
      balanceAfter: 8750,
    },
  ],
}

describe('statementToCsv', () => {
  it('writes a header and one CRLF row per transfer, oldest first', () => {
    const lines = statementToCsv(STATEMENT).split('\r\n')
    expect(lines[0]).toBe(
      'createdAt,tallinnTime,direction,counterpartyCode,counterpartyName,' +
        'amountEst,balanceAfterEst,description,transferId',
    )
    expect(lines[1]).toBe(
      '2026-11-02T08:00:00.000Z,2026-11-02 10:00:00,out,38001085718,' +
        'O’C*****-Š*****,12.50,87.50,"Lunch, ""the usual""\nthanks",' +
        '0d1f3a44-2b7e-4a40-8d0c-1c5a7b3f9e11',
    )
    expect(lines.at(-1)).toBe('')
  })

  it('neutralises a description that a spreadsheet would run as a formula', () => {
    const csv = statementToCsv(STATEMENT)
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"")",`)
    expect(csv).not.toMatch(/,=HYPERLINK/)
  })

  it('gives Tallinn time, which is a day later near midnight UTC', () => {
    expect(tallinnDateTime('2026-11-30T22:15:00.000Z')).toBe(
      '2026-12-01 00:15:00',
    )
    expect(tallinnDateTime('2026-07-01T21:30:05.000Z')).toBe(
      '2026-07-02 00:30:05',
    )
  })

  it('names the treasury, which has no code or name', () => {
    const csv = statementToCsv(
      {
        ...STATEMENT,
        entries: [
          {
            ...STATEMENT.entries[0]!,
            description: 'Welcome',
            counterparty: {
              kind: 'treasury',
              personalCode: null,
              maskedName: null,
            },
          },
        ],
      },
      'EstCoini riigikassa',
    )
    expect(csv.split('\r\n')[1]).toContain(',in,,EstCoini riigikassa,0.05,')
  })

  it('writes only the header for a month without transfers', () => {
    const csv = statementToCsv({ ...STATEMENT, entries: [] })
    expect(csv.split('\r\n')).toHaveLength(2)
  })
})
