import {
  constants,
  createHash,
  createPrivateKey,
  randomBytes,
  sign,
} from 'node:crypto'
import {
  acspV2Payload,
  SMART_ID_HASH_ALGORITHMS,
} from '../../server/auth/smartId/acspV2.ts'
import type { IssuedCertificate } from '../ca/certificateAuthority.ts'

/** What the sandbox app signs: the start request's parts it received. */
export interface AuthenticationToSign {
  rpChallenge: string
  relyingPartyName: string
  interactions: string
  interactionTypeUsed: string
  /** SHA-512 and the like, as the start request named it. */
  hashAlgorithm: string
  documentNumber: string
}

/**
 * The session status of a confirmed authentication, as the Smart-ID app
 * and RP API produce it: fresh serverRandom and userChallenge, the ACSP_V2
 * payload signed with RSASSA-PSS by the holder's Smart-ID key, and the
 * holder's certificate.
 */
export function signedAuthentication(
  issued: IssuedCertificate,
  signed: AuthenticationToSign,
): object {
  const hash = SMART_ID_HASH_ALGORITHMS[signed.hashAlgorithm]
  if (!hash) throw new Error(`Unknown hash algorithm ${signed.hashAlgorithm}`)

  // The app's userChallenge: SHA-256 of its own secret verifier.
  const userChallenge = createHash('sha256')
    .update(randomBytes(32))
    .digest('base64url')
  const serverRandom = randomBytes(18).toString('base64')
  const payload = acspV2Payload({
    ...signed,
    serverRandom,
    userChallenge,
    flowType: 'Notification',
  })
  const key = createPrivateKey({ key: { ...issued.privateKey }, format: 'jwk' })
  const value = sign(hash.node, payload, {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: hash.length,
  })

  return {
    state: 'COMPLETE',
    result: { endResult: 'OK', documentNumber: signed.documentNumber },
    signatureProtocol: 'ACSP_V2',
    signature: {
      value: value.toString('base64'),
      serverRandom,
      userChallenge,
      flowType: 'Notification',
      signatureAlgorithm: 'rsassa-pss',
      signatureAlgorithmParameters: {
        hashAlgorithm: signed.hashAlgorithm,
        maskGenAlgorithm: {
          algorithm: 'id-mgf1',
          parameters: { hashAlgorithm: signed.hashAlgorithm },
        },
        saltLength: hash.length,
        trailerField: '0xbc',
      },
    },
    cert: {
      value: Buffer.from(issued.certificate.rawData).toString('base64'),
      certificateLevel: 'QUALIFIED',
    },
    interactionTypeUsed: signed.interactionTypeUsed,
  }
}
