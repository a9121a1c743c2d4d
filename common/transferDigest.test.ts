import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  transferDigest,
  transferSignedData,
  type SignedTransfer,
} from './transferDigest.ts'

const TRANSFER: SignedTransfer = {
  id: '0b6c6f1e-6a55-4b0e-9a36-3f3f2f8f1d10',
  from: '60001019906',
  to: '38001085718',
  amount: 12500,
  description: 'Rent',
}

describe('the signed data of a transfer', () => {
  it('is the canonical JSON of its purpose and fields, keys sorted', () => {
    expect(new TextDecoder().decode(transferSignedData(TRANSFER))).toBe(
      '{"amount":12500,"description":"Rent",' +
        '"from":"60001019906","id":"0b6c6f1e-6a55-4b0e-9a36-3f3f2f8f1d10",' +
        '"purpose":"estcoin-transfer","to":"38001085718"}',
    )
  })

  it.each(['SHA256', 'SHA384', 'SHA512'] as const)(
    'hashes to the %s digest of those bytes',
    (hashType) => {
      const expected = createHash(hashType.replace('SHA', 'sha'))
        .update(transferSignedData(TRANSFER))
        .digest()
      expect(Buffer.from(transferDigest(TRANSFER, hashType))).toEqual(expected)
    },
  )

  it.each([
    ['amount', { amount: 12501 }],
    ['recipient', { to: '38001085729' }],
    ['id', { id: '0b6c6f1e-6a55-4b0e-9a36-3f3f2f8f1d11' }],
    ['payer', { from: '60001017869' }],
    ['description', { description: 'Rent ' }],
  ])('changes when the %s changes', (_, change) => {
    const other = transferDigest({ ...TRANSFER, ...change }, 'SHA256')
    expect(other).not.toEqual(transferDigest(TRANSFER, 'SHA256'))
  })
})
