import { describe, expect, it } from 'vitest'
import { readVector } from '../../../tests/support/vectors.ts'
import { smartIdVerificationCode } from './verificationCode.ts'

interface Vectors {
  vectors: { rpChallengeBase64: string; expectedCode: string }[]
}

const { vectors } = readVector<Vectors>('smart-id/verification-code.json')

describe('the Smart-ID verification code', () => {
  it.each(vectors)(
    'is $expectedCode for the rpChallenge $rpChallengeBase64',
    (vector) => {
      const rpChallenge = Buffer.from(vector.rpChallengeBase64, 'base64')
      expect(smartIdVerificationCode(rpChallenge)).toBe(vector.expectedCode)
    },
  )

  it('is computed over the raw bytes, not over their base64', () => {
    const [vector] = vectors
    const text = Buffer.from(vector?.rpChallengeBase64 ?? '', 'utf8')
    expect(smartIdVerificationCode(text)).not.toBe(vector?.expectedCode)
  })

  it('keeps leading zeros so it is always four digits', () => {
    // Some challenge among the first thousands has a code below 1000.
    let found = ''
    for (let i = 0; i < 5000 && !found; i++) {
      const code = smartIdVerificationCode(Buffer.from(String(i)))
      if (Number(code) < 1000) found = code
    }
    expect(found).toMatch(/^0\d{3}$/)
  })
})
