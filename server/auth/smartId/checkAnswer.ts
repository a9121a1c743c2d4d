import type { X509Certificate } from '@peculiar/x509'
import { checkAuthCertificate } from '../../eid/authCertificate.ts'
import type { OcspChecker } from '../../eid/ocsp/ocspClient.ts'
import { verifyPssSignature } from '../../eid/pssSignature.ts'
import { revocationRefusal } from '../../eid/revocation.ts'
import type { Judgement } from '../phoneSignInRoutes.ts'
import { acspV2Payload, SMART_ID_HASH_ALGORITHMS } from './acspV2.ts'
import type { SmartIdSignature, SmartIdStatus } from './smartIdClient.ts'

/** What the portal sent when it started the authentication. */
export interface SentAuthentication {
  rpChallenge: Uint8Array
  /** The hash algorithm asked for, e.g. SHA-512. */
  hashAlgorithm: string
  personalCode: string
  relyingPartyName: string
  /** The `interactions` string exactly as sent. */
  interactions: string
}

function interactionTypes(interactions: string): string[] {
  try {
    const list: unknown = JSON.parse(
      Buffer.from(interactions, 'base64').toString('utf8'),
    )
    if (!Array.isArray(list)) return []
    return list.map((i: { type?: unknown }) => String(i.type))
  } catch {
    return []
  }
}

/** Whether the signature object is the ACSP_V2 RSASSA-PSS one asked for. */
function isAskedFor(
  signature: SmartIdSignature,
  sent: SentAuthentication,
): boolean {
  const hash = SMART_ID_HASH_ALGORITHMS[sent.hashAlgorithm]
  return (
    hash !== undefined &&
    signature.flowType === 'Notification' &&
    signature.signatureAlgorithm === 'rsassa-pss' &&
    signature.hashAlgorithm === sent.hashAlgorithm &&
    signature.maskHashAlgorithm === sent.hashAlgorithm &&
    signature.saltLength === hash.length &&
    signature.trailerField === '0xbc'
  )
}

/**
 * Accepts a completed Smart-ID authentication only when the certificate
 * chains to a trusted issuing CA, is valid now and meant for
 * authentication, the RSASSA-PSS signature verifies over exactly the
 * ACSP_V2 payload rebuilt from what the portal sent (rpChallenge, relying
 * party name, interactions) and the server's and app's random parts, in
 * the notification flow with an interaction the portal offered, and the
 * certificate names the personal code the citizen entered. Any other end
 * result than OK is passed on as it is.
 * Its issuer's OCSP responder, where the certificate names one, must say
 * `good`.
 *
 * Limitation: the Smart-ID scheme's certificate policies are not checked.
 */
export async function checkSmartIdAnswer(
  status: Extract<SmartIdStatus, { state: 'COMPLETE' }>,
  sent: SentAuthentication,
  trust: { anchors: X509Certificate[]; now: Date; ocsp: OcspChecker },
): Promise<Judgement> {
  if (status.endResult !== 'OK') return { result: status.endResult }
  const { signature, cert, interactionTypeUsed } = status
  if (
    status.signatureProtocol !== 'ACSP_V2' ||
    !signature ||
    !cert ||
    !interactionTypeUsed ||
    !interactionTypes(sent.interactions).includes(interactionTypeUsed) ||
    !isAskedFor(signature, sent)
  ) {
    return { result: 'SIGNATURE_INVALID' }
  }

  const check = await checkAuthCertificate(Buffer.from(cert, 'base64'), trust)
  if (!check.ok) return { result: check.refusal }

  const payload = acspV2Payload({
    serverRandom: signature.serverRandom,
    rpChallenge: Buffer.from(sent.rpChallenge).toString('base64'),
    userChallenge: signature.userChallenge,
    relyingPartyName: sent.relyingPartyName,
    interactions: sent.interactions,
    interactionTypeUsed,
    flowType: signature.flowType,
  })
  const hash = SMART_ID_HASH_ALGORITHMS[sent.hashAlgorithm]
  const verified = verifyPssSignature({
    certificate: check.certificate,
    data: payload,
    hash: hash?.node ?? '',
    saltLength: hash?.length ?? 0,
    signature: Buffer.from(signature.value, 'base64'),
  })
  if (!verified) return { result: 'SIGNATURE_INVALID' }

  if (
    check.person.country !== 'EE' ||
    check.person.personalCode !== sent.personalCode
  ) {
    return { result: 'IDENTITY_MISMATCH' }
  }
  const revoked = await revocationRefusal(trust.ocsp, check, trust.now, {
    optional: true,
  })
  if (revoked) return { result: revoked }
  return { result: 'OK', person: check.person }
}
