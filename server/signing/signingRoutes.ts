import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { SigningTrust } from './checkSigner.ts'
import { idCardSigningRoutes } from './idCardSigningRoutes.ts'
import { mobileIdSigning } from './mobileIdSigning.ts'
import type { MobileIdSigner } from './mobileIdSigner.ts'
import { phoneSigningRoutes } from './phoneSigningRoutes.ts'
import type { RecipientName } from './signingRequest.ts'
import { smartIdSigning } from './smartIdSigning.ts'
import type { SmartIdSigner } from './smartIdSigner.ts'

/** The signing methods the portal offers and what they are checked with. */
export interface SigningOptions {
  /** Mobile-ID signing, when Mobile-ID is configured. */
  mobileId?: MobileIdSigner
  /** Smart-ID signing, when Smart-ID is configured. */
  smartId?: SmartIdSigner
  /** ID-card signing through Web eID, when ID-card sign-in is on. */
  idCard?: boolean
  /** Issuing CAs trusted for eID and the OCSP checker. */
  trust: Omit<SigningTrust, 'now'>
  /** Signature starts per minute per citizen (SIGN_IN_RATE_LIMIT). */
  rateLimit: number
  /** The recipient's masked name for the phone's text, if known. */
  recipientName?: RecipientName
  pollTimeoutMs?: number
}

/**
 * The transfer signing API under `/api/signing/`: Mobile-ID, Smart-ID and
 * the ID-card sign an EstCoin transfer's digest (common/transferDigest.ts)
 * for the signed-in citizen; the wallet then uses a completed signature
 * once with consumeTransferSignature.
 */
export async function signingRoutes(
  app: FastifyInstance,
  options: SigningOptions & {
    db: Kysely<Database>
    secure: boolean
    clock?: () => Date
  },
): Promise<void> {
  const recipientName: RecipientName =
    options.recipientName ?? (async () => undefined)
  const shared = {
    db: options.db,
    secure: options.secure,
    rateLimit: options.rateLimit,
    pollTimeoutMs: options.pollTimeoutMs,
    clock: options.clock,
  }
  if (options.mobileId) {
    await phoneSigningRoutes(
      app,
      shared,
      mobileIdSigning({
        signer: options.mobileId,
        recipientName,
        trust: options.trust,
      }),
    )
  }
  if (options.smartId) {
    await phoneSigningRoutes(
      app,
      shared,
      smartIdSigning({
        signer: options.smartId,
        recipientName,
        trust: options.trust,
      }),
    )
  }
  if (options.idCard) {
    await idCardSigningRoutes(app, {
      db: options.db,
      secure: options.secure,
      trust: options.trust,
      clock: options.clock,
    })
  }
}
