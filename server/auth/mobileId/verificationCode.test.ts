import { describe, expect, it } from 'vitest'
import { readVector } from '../../../tests/support/vectors.ts'
import { verificationCode } from './verificationCode.ts'

interface Vectors {
  vectors: { hashBase64: string; expectedCode: string; note: string }[]
}

const { vectors } = readVector<Vectors>('mobile-id/verification-codes.json')

describe('the Mobile-ID verification code', () => {
  it.each(vectors)('is $expectedCode for the $note', (vector) => {
    const hash = Buffer.from(vector.hashBase64, 'base64')
    expect(verificationCode(hash)).toBe(vector.expectedCode)
  })

  it('keeps leading zeros so it is always four digits', () => {
    expect(verificationCode(new Uint8Array([0, 5]))).toBe('0005')
  })
})
