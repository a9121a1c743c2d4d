import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  entryBytes,
  entryHash,
  GENESIS_HASH,
  type HashedEntry,
} from './entryHash.ts'

const ENTRY: HashedEntry = {
  account: '49001010001',
  seq: 2,
  transferId: '0b1f4e4a-3c55-4f0e-8a1d-6c2b9e7f5a10',
  counterparty: 'treasury',
  amount: -1250,
  balanceAfter: 8750,
  description: 'Kohv "Ülle" juures',
  createdAt: new Date('2026-12-04T10:15:30.125Z'),
  prevHash: GENESIS_HASH,
}

describe('entry hash', () => {
  it('hashes the fields as one fixed-order JSON array', () => {
    const text =
      '["estcoin-ledger/entry/v1","49001010001",2,' +
      '"0b1f4e4a-3c55-4f0e-8a1d-6c2b9e7f5a10","treasury",-1250,8750,' +
      '"Kohv \\"Ülle\\" juures","2026-12-04T10:15:30.125Z",' +
      `"${'0'.repeat(64)}"]`
    expect(new TextDecoder().decode(entryBytes(ENTRY))).toBe(text)
    expect(entryHash(ENTRY)).toBe(
      createHash('sha256').update(text, 'utf8').digest('hex'),
    )
  })

  it.each<[string, Partial<HashedEntry>]>([
    ['account', { account: '49001010012' }],
    ['seq', { seq: 3 }],
    ['transfer', { transferId: '0b1f4e4a-3c55-4f0e-8a1d-6c2b9e7f5a11' }],
    ['counterparty', { counterparty: '49001010012' }],
    ['amount', { amount: -1251 }],
    ['balance', { balanceAfter: 8751 }],
    ['description', { description: 'Kohv "Ülle" juures.' }],
    ['time', { createdAt: new Date('2026-12-04T10:15:30.126Z') }],
    ['previous hash', { prevHash: '1'.repeat(64) }],
  ])('changes when the %s changes', (_field, change) => {
    expect(entryHash({ ...ENTRY, ...change })).not.toBe(entryHash(ENTRY))
  })
})
