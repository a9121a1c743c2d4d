import 'reflect-metadata'
import { constants, KeyObject, sign, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { describe, expect, it } from 'vitest'
import type { TokenAlgorithm } from './authToken.ts'
import { signedValue, verifyTokenSignature } from './tokenSignature.ts'

x509.cryptoProvider.set(webcrypto as Crypto)

const origin = 'https://portal.example'
const nonce = Buffer.alloc(32, 1).toString('base64')

async function keyAndCertificate(algorithm: TokenAlgorithm) {
  const size = algorithm.slice(2)
  const params =
    algorithm[0] === 'E'
      ? {
          name: 'ECDSA',
          namedCurve: size === '512' ? 'P-521' : `P-${size}`,
          hash: `SHA-${size}`,
        }
      : {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: `SHA-${size}`,
        }
  const keys = (await webcrypto.subtle.generateKey(params, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Token signature test',
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
    signingAlgorithm: params,
    keys,
  })
  return { key: KeyObject.from(keys.privateKey), certificate }
}

function signToken(
  algorithm: TokenAlgorithm,
  key: KeyObject,
  value: Buffer,
): Buffer {
  const hash = `sha${algorithm.slice(2)}`
  if (algorithm[0] === 'E') {
    return sign(hash, value, { key, dsaEncoding: 'ieee-p1363' })
  }
  if (algorithm[0] === 'P') {
    return sign(hash, value, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    })
  }
  return sign(hash, value, { key, padding: constants.RSA_PKCS1_PADDING })
}

const ALGORITHMS: TokenAlgorithm[] = [
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'RS256',
  'RS384',
  'RS512',
]

describe('Web eID token signatures', () => {
  it.each(ALGORITHMS)(
    'verifies %s over hash(origin) ‖ hash(nonce) and nothing else',
    async (algorithm) => {
      const { key, certificate } = await keyAndCertificate(algorithm)
      const value = signedValue(algorithm, origin, nonce)
      const signature = signToken(algorithm, key, value)
      const verify = (change: { origin?: string; nonce?: string } = {}) =>
        verifyTokenSignature({
          certificate,
          algorithm,
          origin: change.origin ?? origin,
          nonce: change.nonce ?? nonce,
          signature,
        })
      expect(verify()).toBe(true)
      expect(verify({ origin: 'https://portal.example.evil' })).toBe(false)
      expect(verify({ nonce: nonce.replace('A', 'B') })).toBe(false)
    },
  )

  it('uses the algorithm’s own hash for both halves', () => {
    expect(signedValue('ES256', origin, nonce)).toHaveLength(64)
    expect(signedValue('PS384', origin, nonce)).toHaveLength(96)
    expect(signedValue('RS512', origin, nonce)).toHaveLength(128)
  })

  it('refuses an RSA algorithm name for an EC key and the reverse', async () => {
    const ec = await keyAndCertificate('ES256')
    const rsa = await keyAndCertificate('RS256')
    const value = signedValue('ES256', origin, nonce)
    const ecSignature = signToken('ES256', ec.key, value)
    const rsaSignature = signToken('RS256', rsa.key, value)
    expect(
      verifyTokenSignature({
        certificate: ec.certificate,
        algorithm: 'RS256',
        origin,
        nonce,
        signature: ecSignature,
      }),
    ).toBe(false)
    expect(
      verifyTokenSignature({
        certificate: rsa.certificate,
        algorithm: 'ES256',
        origin,
        nonce,
        signature: rsaSignature,
      }),
    ).toBe(false)
  })
})
