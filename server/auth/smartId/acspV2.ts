import { createHash } from 'node:crypto'

/** Hash algorithms of the Smart-ID RP API v3: node's name, digest bytes. */
export const SMART_ID_HASH_ALGORITHMS: Readonly<
  Record<string, { node: string; length: number }>
> = {
  'SHA-256': { node: 'sha256', length: 32 },
  'SHA-384': { node: 'sha384', length: 48 },
  'SHA-512': { node: 'sha512', length: 64 },
  'SHA3-256': { node: 'sha3-256', length: 32 },
  'SHA3-384': { node: 'sha3-384', length: 48 },
  'SHA3-512': { node: 'sha3-512', length: 64 },
}

/** One interaction the Smart-ID app may show, in the API's JSON form. */
export type SmartIdInteraction =
  | { type: 'displayTextAndPIN'; displayText60: string }
  | { type: 'confirmationMessage'; displayText200: string }
  | {
      type: 'confirmationMessageAndVerificationCodeChoice'
      displayText200: string
    }

/**
 * The `interactions` request field: base64 of the interactions' JSON. The
 * ACSP_V2 payload hashes this exact string, so it is made once and kept.
 */
export function encodeInteractions(
  interactions: readonly SmartIdInteraction[],
): string {
  return Buffer.from(JSON.stringify(interactions), 'utf8').toString('base64')
}

/** Everything the ACSP_V2 payload is built from, as the API carries it. */
export interface AcspV2Fields {
  /** From the session status answer, base64 as received. */
  serverRandom: string
  /** As sent in the start request, base64. */
  rpChallenge: string
  /** From the session status answer, base64url as received. */
  userChallenge: string
  /** As sent; the payload carries its UTF-8 bytes in base64. */
  relyingPartyName: string
  /** Empty unless the relying party acts as a broker. */
  brokeredRpName?: string
  /** The `interactions` string exactly as sent. */
  interactions: string
  interactionTypeUsed: string
  /** Empty in notification and QR flows. */
  initialCallbackUrl?: string
  flowType: string
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/**
 * The ACSP_V2 payload the Smart-ID app signs for an authentication:
 * `smart-id|ACSP_V2|serverRandom|rpChallenge|userChallenge|
 * BASE64(relyingPartyName)|BASE64(brokeredRpName)|
 * BASE64(SHA-256(interactions))|interactionTypeUsed|initialCallbackUrl|
 * flowType`, as UTF-8 bytes. Empty fields keep their separators.
 */
export function acspV2Payload(fields: AcspV2Fields): Buffer {
  const brokered = fields.brokeredRpName ? base64(fields.brokeredRpName) : ''
  const interactionsHash = createHash('sha256')
    .update(fields.interactions, 'utf8')
    .digest('base64')
  const parts = [
    'smart-id',
    'ACSP_V2',
    fields.serverRandom,
    fields.rpChallenge,
    fields.userChallenge,
    base64(fields.relyingPartyName),
    brokered,
    interactionsHash,
    fields.interactionTypeUsed,
    fields.initialCallbackUrl ?? '',
    fields.flowType,
  ]
  return Buffer.from(parts.join('|'), 'utf8')
}
