import 'reflect-metadata'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as x509 from '@peculiar/x509'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CERTIFICATE_POLICIES,
  CertificateAuthority,
} from '../../../sandbox/ca/certificateAuthority.ts'
import { TestIdCard } from '../../../sandbox/idCard/testIdCard.ts'
import { readVector, VECTORS_DIR } from '../../../tests/support/vectors.ts'
import type { OcspChecker, OcspStatus } from '../ocsp/ocspClient.ts'
import type { AuthToken } from './authToken.ts'
import { validateAuthToken } from './validateAuthToken.ts'

interface Vector {
  origin: string
  nonce: string
  validAt: string
  expectedSubject: { personalCode: string; givenName: string; surname: string }
  issuerCertificate: string
  authToken: AuthToken
  mustFail: { why: string; origin?: string; nonce?: string; validAt?: string }[]
}

const vector = readVector<Vector>('web-eid/valid-auth-token.json')
const anchor = new x509.X509Certificate(
  readFileSync(resolve(VECTORS_DIR, 'web-eid', vector.issuerCertificate)),
)

/** An OCSP test double that records what it was asked. */
function answering(status: OcspStatus) {
  const asked: { serial: string; issuer: string }[] = []
  const checker: OcspChecker = async (certificate, issuer) => {
    asked.push({ serial: certificate.serialNumber, issuer: issuer.subject })
    return status
  }
  return { checker, asked }
}

function trust(ocsp: OcspChecker, overrides: Partial<Vector> = {}) {
  return {
    anchors: [anchor],
    origin: overrides.origin ?? vector.origin,
    now: new Date(overrides.validAt ?? vector.validAt),
    ocsp,
  }
}

describe('Web eID token validation with the shared test vector', () => {
  it('accepts the valid token for its origin, nonce and time', async () => {
    const { checker, asked } = answering('good')
    const result = await validateAuthToken(
      vector.authToken,
      vector.nonce,
      trust(checker),
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.person.personalCode).toBe(vector.expectedSubject.personalCode)
    expect(result.person.givenName).toBe(vector.expectedSubject.givenName)
    expect(result.person.familyName).toBe(vector.expectedSubject.surname)
    expect(asked).toEqual([
      { serial: expect.any(String), issuer: anchor.subject },
    ])
  })

  it.each(vector.mustFail)('refuses it: $why', async (failure) => {
    const { checker } = answering('good')
    const result = await validateAuthToken(
      vector.authToken,
      failure.nonce ?? vector.nonce,
      trust(checker, failure),
    )
    expect(result.ok).toBe(false)
    const expected = failure.validAt
      ? 'CERTIFICATE_EXPIRED'
      : 'SIGNATURE_INVALID'
    expect(result).toEqual({ ok: false, refusal: expected })
  })

  it.each([
    ['revoked', 'CERTIFICATE_REVOKED'],
    ['unknown', 'CERTIFICATE_STATUS_UNKNOWN'],
    ['unavailable', 'OCSP_UNAVAILABLE'],
  ] as const)('fails closed when OCSP answers %s', async (status, code) => {
    const result = await validateAuthToken(
      vector.authToken,
      vector.nonce,
      trust(answering(status).checker),
    )
    expect(result).toEqual({ ok: false, refusal: code })
  })

  it('does not ask OCSP about a token with a bad signature', async () => {
    const { checker, asked } = answering('good')
    await validateAuthToken(vector.authToken, 'x'.repeat(44), trust(checker))
    expect(asked).toHaveLength(0)
  })

  it('refuses the token when its issuer is not a trust anchor', async () => {
    const other = await CertificateAuthority.create({ name: 'Other' })
    const result = await validateAuthToken(vector.authToken, vector.nonce, {
      ...trust(answering('good').checker),
      anchors: [other.issuingCertificate],
    })
    expect(result).toEqual({ ok: false, refusal: 'CERTIFICATE_UNTRUSTED' })
  })

  it.each([
    ['format web-eid:2', { format: 'web-eid:2' }],
    ['an unknown algorithm', { algorithm: 'HS256' }],
    ['a certificate that is not base64', { unverifiedCertificate: '!!' }],
    ['no signature', { signature: undefined }],
  ])('refuses a token with %s as TOKEN_INVALID', async (_, change) => {
    const result = await validateAuthToken(
      { ...vector.authToken, ...change },
      vector.nonce,
      trust(answering('good').checker),
    )
    expect(result).toEqual({ ok: false, refusal: 'TOKEN_INVALID' })
  })

  it('refuses a certificate that does not parse as CERTIFICATE_UNTRUSTED', async () => {
    const result = await validateAuthToken(
      { ...vector.authToken, unverifiedCertificate: 'AAAA' },
      vector.nonce,
      trust(answering('good').checker),
    )
    expect(result).toEqual({ ok: false, refusal: 'CERTIFICATE_UNTRUSTED' })
  })

  it('accepts format web-eid:1.1', async () => {
    const result = await validateAuthToken(
      { ...vector.authToken, format: 'web-eid:1.1' },
      vector.nonce,
      trust(answering('good').checker),
    )
    expect(result.ok).toBe(true)
  })
})

describe('Web eID token validation with sandbox ID-cards', () => {
  const origin = 'http://localhost:8080'
  const nonce = Buffer.alloc(32, 9).toString('base64')
  const holder = {
    personalCode: '38001085718',
    givenName: 'JAAK-KRISTJAN',
    familyName: 'JÕEORG',
  }
  let ca: CertificateAuthority
  const check = (token: AuthToken) =>
    validateAuthToken(token, nonce, {
      anchors: [ca.issuingCertificate],
      origin,
      now: new Date(),
      ocsp: answering('good').checker,
    })

  beforeAll(async () => {
    ca = await CertificateAuthority.create()
  })

  it('accepts a test ID-card’s token', async () => {
    const card = await TestIdCard.issue(ca, holder)
    const result = await check(card.authenticate(nonce, origin))
    expect(result.ok && result.person.personalCode).toBe(holder.personalCode)
  })

  it('refuses a Mobile-ID certificate', async () => {
    const card = await TestIdCard.issue(ca, holder, {
      policy: CERTIFICATE_POLICIES['mobile-id'],
    })
    expect(await check(card.authenticate(nonce, origin))).toEqual({
      ok: false,
      refusal: 'CERTIFICATE_POLICY_REFUSED',
    })
  })

  it('refuses a versioned Mobile-ID policy too', async () => {
    const card = await TestIdCard.issue(ca, holder, {
      policy: '1.3.6.1.4.1.10015.1.3.2',
    })
    const result = await check(card.authenticate(nonce, origin))
    expect(result.ok || result.refusal).toBe('CERTIFICATE_POLICY_REFUSED')
  })

  it('refuses a certificate not meant for authentication', async () => {
    const card = await TestIdCard.issue(ca, holder, {
      notForAuthentication: true,
    })
    const result = await check(card.authenticate(nonce, origin))
    expect(result.ok || result.refusal).toBe(
      'CERTIFICATE_NOT_FOR_AUTHENTICATION',
    )
  })

  it('refuses a certificate that is not valid yet', async () => {
    const card = await TestIdCard.issue(ca, holder, {
      notBefore: new Date(Date.now() + 86_400_000),
      notAfter: new Date(Date.now() + 2 * 86_400_000),
    })
    const result = await check(card.authenticate(nonce, origin))
    expect(result.ok || result.refusal).toBe('CERTIFICATE_NOT_YET_VALID')
  })
})
