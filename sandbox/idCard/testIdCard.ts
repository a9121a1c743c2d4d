import { p256 } from '@noble/curves/nist.js'
import {
  createHash,
  createPrivateKey,
  sign,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto'
import type { AuthToken } from '../../server/eid/webEid/authToken.ts'
import type { WebEidSignatureAlgorithm } from '../../server/signing/idCardSigningRoutes.ts'
import type {
  CertificateAuthority,
  Holder,
  IssuedCertificate,
  IssueOptions,
} from '../ca/certificateAuthority.ts'

/** What the sandbox's Web eID application reports itself as. */
export const TEST_APP_VERSION = 'https://web-eid.eu/web-eid-app/releases/2.5.0'

/**
 * A sandbox ID-card: an authentication key (ECDSA P-256) and its
 * certificate from the sandbox CA. It answers a challenge as the Web eID
 * browser extension and application would, with a real token.
 */
export class TestIdCard {
  /**
   * @param issued the authentication certificate and key
   * @param signing the signing (nonRepudiation) certificate and key, when
   *   the card has one
   */
  constructor(
    readonly issued: IssuedCertificate,
    readonly signing?: IssuedCertificate,
  ) {}

  /**
   * A new card from the CA: an authentication certificate (purpose
   * `id-card`, changed by the options) and a signing certificate.
   */
  static async issue(
    ca: CertificateAuthority,
    holder: Holder,
    options: IssueOptions = {},
  ): Promise<TestIdCard> {
    return new TestIdCard(
      await ca.issue(holder, 'id-card', options),
      await ca.issue(holder, 'id-card-signing'),
    )
  }

  /**
   * The signing certificate, base64 DER, as the Web eID extension's
   * `getSigningCertificate` returns it.
   */
  get signingCertificate(): string {
    if (!this.signing) throw new Error('This card has no signing key')
    return Buffer.from(this.signing.certificate.rawData).toString('base64')
  }

  /**
   * Signs a hash with the signing key (PIN2), as the Web eID extension's
   * `sign` does: ECDSA over the hash itself, raw R‖S in base64, and the
   * signature algorithm it used.
   */
  sign(
    hash: string,
    hashFunction: string,
  ): { signature: string; signatureAlgorithm: WebEidSignatureAlgorithm } {
    if (!this.signing) throw new Error('This card has no signing key')
    const d = Buffer.from(this.signing.privateKey.d ?? '', 'base64url')
    const digest = Buffer.from(hash, 'base64')
    const signature = p256.sign(digest, new Uint8Array(d), { prehash: false })
    return {
      signature: Buffer.from(signature).toString('base64'),
      signatureAlgorithm: {
        cryptoAlgorithm: 'ECC',
        hashFunction,
        paddingScheme: 'NONE',
      },
    }
  }

  /** The card's certificate serial, for revoking it at the CA. */
  get serial(): string {
    return this.issued.serial
  }

  /**
   * Signs SHA-256(origin) ‖ SHA-256(nonce) with ES256 (raw R‖S) and returns
   * the `web-eid:1.0` token the extension would hand to the page.
   */
  authenticate(challengeNonce: string, origin: string): AuthToken {
    const key = createPrivateKey({
      key: this.issued.privateKey as NodeJsonWebKey,
      format: 'jwk',
    })
    const sha256 = (text: string) =>
      createHash('sha256').update(text, 'utf8').digest()
    const data = Buffer.concat([sha256(origin), sha256(challengeNonce)])
    const signature = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
    return {
      unverifiedCertificate: Buffer.from(
        this.issued.certificate.rawData,
      ).toString('base64'),
      algorithm: 'ES256',
      signature: signature.toString('base64'),
      format: 'web-eid:1.0',
      appVersion: TEST_APP_VERSION,
    }
  }
}
