import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as Crypto)

/** The portal's own refusals of an authentication certificate. */
export type CertificateRefusal =
  | 'CERTIFICATE_UNTRUSTED'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_NOT_FOR_AUTHENTICATION'

/** The person an authentication certificate names. */
export interface CertifiedPerson {
  personalCode: string
  /** ISO 3166-1 alpha-2 country of the personal code. */
  country: string
  givenName: string
  familyName: string
}

/** An accepted certificate, or the reason it was refused. */
export type CertificateCheck =
  | {
      ok: true
      certificate: x509.X509Certificate
      person: CertifiedPerson
      /** The trusted issuing CA that signed it (asked about revocation). */
      issuer: x509.X509Certificate
    }
  | { ok: false; refusal: CertificateRefusal }

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'
/** Smart-ID authentication, in certificates issued from April 2025. */
const SMART_ID_AUTH = '1.3.6.1.4.1.62306.5.7.0'
const SERIAL_NUMBER = '2.5.4.5'
const GIVEN_NAME = '2.5.4.42'
const SURNAME = '2.5.4.4'

/**
 * The person in an eID certificate's subject: serialNumber `PNOEE-<code>`
 * (ETSI EN 319 412-1 semantics) or, in older certificates, the bare code.
 */
export function certifiedPerson(
  certificate: x509.X509Certificate,
): CertifiedPerson | undefined {
  const name = certificate.subjectName
  const serial = name.getField(SERIAL_NUMBER)[0] ?? ''
  const semantic = /^PNO([A-Z]{2})-(.+)$/.exec(serial)
  const [country, personalCode] = semantic
    ? [semantic[1] ?? '', semantic[2] ?? '']
    : ['EE', serial]
  if (!/^\d{11}$/.test(personalCode)) return undefined
  return {
    personalCode,
    country,
    givenName: name.getField(GIVEN_NAME)[0] ?? '',
    familyName: name.getField(SURNAME)[0] ?? '',
  }
}

async function issuedBy(
  certificate: x509.X509Certificate,
  anchor: x509.X509Certificate,
): Promise<boolean> {
  if (certificate.issuer !== anchor.subject) return false
  try {
    return await certificate.verify({
      publicKey: anchor,
      signatureOnly: true,
    })
  } catch {
    return false
  }
}

/** A certificate from a trusted issuer, valid now, or the refusal. */
export type TrustedCertificate =
  | {
      ok: true
      certificate: x509.X509Certificate
      /** The trusted issuing CA that signed it (asked about revocation). */
      issuer: x509.X509Certificate
    }
  | { ok: false; refusal: CertificateRefusal }

/**
 * Parses a certificate and accepts it only when one of the trusted issuing
 * CAs (itself valid now) signed it and it is within its validity. What the
 * certificate is for is checked by the caller.
 */
export async function trustedCertificate(
  der: Uint8Array,
  options: { anchors: x509.X509Certificate[]; now: Date },
): Promise<TrustedCertificate> {
  let certificate: x509.X509Certificate
  try {
    certificate = new x509.X509Certificate(new Uint8Array(der))
  } catch {
    return { ok: false, refusal: 'CERTIFICATE_UNTRUSTED' }
  }
  const { now } = options
  let issuer: x509.X509Certificate | undefined
  for (const anchor of options.anchors) {
    if (anchor.notBefore > now || anchor.notAfter < now) continue
    if (!issuer && (await issuedBy(certificate, anchor))) issuer = anchor
  }
  if (!issuer) return { ok: false, refusal: 'CERTIFICATE_UNTRUSTED' }
  if (certificate.notAfter < now) {
    return { ok: false, refusal: 'CERTIFICATE_EXPIRED' }
  }
  if (certificate.notBefore > now) {
    return { ok: false, refusal: 'CERTIFICATE_NOT_YET_VALID' }
  }
  return { ok: true, certificate, issuer }
}

/**
 * Checks a personal authentication certificate: issued and signed by one
 * of the trusted issuing CAs (which must itself be valid now), within its
 * validity, meant for authentication (digitalSignature with clientAuth or
 * Smart-ID authentication extended key usage), and
 * naming a person by personal code. Revocation is checked elsewhere.
 */
export async function checkAuthCertificate(
  der: Uint8Array,
  options: { anchors: x509.X509Certificate[]; now: Date },
): Promise<CertificateCheck> {
  const trusted = await trustedCertificate(der, options)
  if (!trusted.ok) return trusted
  const { certificate, issuer } = trusted
  const usage = certificate.getExtension(x509.KeyUsagesExtension)
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)
  const person = certifiedPerson(certificate)
  if (
    !usage ||
    !(usage.usages & x509.KeyUsageFlags.digitalSignature) ||
    !eku ||
    !eku.usages
      .map(String)
      .some((u) => u === CLIENT_AUTH || u === SMART_ID_AUTH) ||
    !person
  ) {
    return { ok: false, refusal: 'CERTIFICATE_NOT_FOR_AUTHENTICATION' }
  }
  return { ok: true, certificate, person, issuer }
}
