import { SMART_ID_HASH_ALGORITHMS } from '../auth/smartId/acspV2.ts'
import { SMART_ID_END_RESULTS } from '../auth/smartId/endResults.ts'
import type { SmartIdStatus } from '../auth/smartId/smartIdClient.ts'
import { smartIdVerificationCode } from '../auth/smartId/verificationCode.ts'
import { verifyPssDigestSignature } from '../eid/pssDigestSignature.ts'
import { transferDigest } from '../../common/transferDigest.ts'
import { transferDisplayText } from '../../common/transferDisplayText.ts'
import { judgeSignature, type SigningTrust } from './checkSigner.ts'
import type { PhoneSigningMethod } from './phoneSigningRoutes.ts'
import { displayLocale, type RecipientName } from './signingRequest.ts'
import type { SmartIdSigner } from './smartIdSigner.ts'

/** Smart-ID signs the transfer's SHA-512 digest. */
const HASH_ALGORITHM = 'SHA-512'
const HASH = SMART_ID_HASH_ALGORITHMS[HASH_ALGORITHM] ?? {
  node: 'sha512',
  length: 64,
}

/** Whether the answer is the RSASSA-PSS RAW_DIGEST_SIGNATURE asked for. */
function isAskedFor(
  status: Extract<SmartIdStatus, { state: 'COMPLETE' }>,
): boolean {
  const { signature } = status
  return (
    status.signatureProtocol === 'RAW_DIGEST_SIGNATURE' &&
    signature?.signatureAlgorithm === 'rsassa-pss' &&
    signature.hashAlgorithm === HASH_ALGORITHM &&
    signature.maskHashAlgorithm === HASH_ALGORITHM &&
    signature.saltLength === HASH.length &&
    signature.trailerField === '0xbc'
  )
}

/**
 * Smart-ID transfer signing (`{transfer}`): a notification signature by
 * the citizen's ETSI identifier with RAW_DIGEST_SIGNATURE over the
 * transfer's SHA-512 digest; the app shows the amount and the recipient
 * on the confirmation screen (200 characters) and above the PIN (60).
 */
export function smartIdSigning(options: {
  signer: SmartIdSigner
  recipientName: RecipientName
  trust: Omit<SigningTrust, 'now'>
}): PhoneSigningMethod<object> {
  return {
    method: 'smart-id',
    label: 'Smart-ID',
    extraProperties: {},
    providerResults: Object.keys(SMART_ID_END_RESULTS),

    async start(request, transfer) {
      const digest = transferDigest(transfer, 'SHA512')
      const name =
        (await options.recipientName(transfer.to, request)) ?? transfer.to
      const locale = displayLocale(request)
      const text = (limit: number) =>
        transferDisplayText(transfer.amount, name, limit, locale)
      const started = await options.signer.start({
        personalCode: transfer.from,
        digest,
        hashAlgorithm: HASH_ALGORITHM,
        interactions: [
          { type: 'confirmationMessage', displayText200: text(200) },
          { type: 'displayTextAndPIN', displayText60: text(60) },
        ],
      })
      return {
        providerSession: started.sessionId,
        digest,
        hashType: 'SHA512',
        verificationCode:
          started.verificationCode ?? smartIdVerificationCode(digest),
      }
    },

    async poll(row, timeoutMs, now) {
      const status = await options.signer.status(
        row.provider_session ?? '',
        timeoutMs,
      )
      if (status.state === 'RUNNING') return 'RUNNING'
      if (status.endResult !== 'OK') return { result: status.endResult }
      if (!isAskedFor(status) || !status.cert || !status.signature) {
        return { result: 'SIGNATURE_INVALID' }
      }
      const value = status.signature.value
      const result = await judgeSignature(
        {
          certificate: Buffer.from(status.cert, 'base64'),
          personalCode: row.personal_code,
          ocspRequired: false,
          verify: (certificate) =>
            verifyPssDigestSignature({
              certificate,
              digest: Buffer.from(row.transfer_digest, 'base64'),
              hash: HASH.node,
              signature: Buffer.from(value, 'base64'),
            }),
        },
        { ...options.trust, now },
      )
      return { result, certificate: status.cert, signature: value }
    },
  }
}
