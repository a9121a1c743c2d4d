import { verificationCode } from '../auth/mobileId/verificationCode.ts'
import { mobileIdLanguage } from '../auth/mobileId/mobileIdRoutes.ts'
import { verifyDigestSignature } from '../eid/digestSignature.ts'
import { portalError } from '../errors.ts'
import { transferDigest } from '../../common/transferDigest.ts'
import { mobileIdDisplayText } from '../../common/transferDisplayText.ts'
import { judgeSignature, type SigningTrust } from './checkSigner.ts'
import type { MobileIdSigner } from './mobileIdSigner.ts'
import type { PhoneSigningMethod } from './phoneSigningRoutes.ts'
import { displayLocale, type RecipientName } from './signingRequest.ts'

/** Estonian (+372) and Lithuanian (+370) mobile numbers, as in sign-in. */
const PHONE_NUMBER = /^\+(372\d{7,8}|370\d{8})$/

/** The Mobile-ID REST API's own results. */
const MOBILE_ID_RESULTS = [
  'OK',
  'TIMEOUT',
  'NOT_MID_CLIENT',
  'USER_CANCELLED',
  'SIGNATURE_HASH_MISMATCH',
  'PHONE_ABSENT',
  'DELIVERY_ERROR',
  'SIM_ERROR',
] as const

/**
 * Mobile-ID transfer signing (`{transfer, phoneNumber}`): the portal asks
 * for the person's signing certificate, then has the phone sign the
 * transfer's SHA-256 digest with a display text naming the amount and
 * the recipient; the signature is checked against that certificate.
 */
export function mobileIdSigning(options: {
  signer: MobileIdSigner
  recipientName: RecipientName
  trust: Omit<SigningTrust, 'now'>
}): PhoneSigningMethod<{ phoneNumber: string }> {
  return {
    method: 'mobile-id',
    label: 'Mobile-ID',
    extraProperties: { phoneNumber: { type: 'string', maxLength: 20 } },
    providerResults: MOBILE_ID_RESULTS,

    async start(request, transfer, extra) {
      const phoneNumber = extra.phoneNumber.replace(/[\s-]/g, '')
      if (!PHONE_NUMBER.test(phoneNumber)) {
        throw portalError('PHONE_NUMBER_INVALID', {
          details: [{ field: 'phoneNumber', problem: 'invalid' }],
        })
      }
      const certificate = await options.signer.certificate(
        phoneNumber,
        transfer.from,
      )
      if (!certificate) throw portalError('MOBILE_ID_NOT_FOR_SIGNING')

      const digest = transferDigest(transfer, 'SHA256')
      const name =
        (await options.recipientName(transfer.to, request)) ?? transfer.to
      const text = mobileIdDisplayText(
        transfer.amount,
        name,
        displayLocale(request),
      )
      const providerSession = await options.signer.start({
        phoneNumber,
        personalCode: transfer.from,
        hash: digest,
        hashType: 'SHA256',
        language: mobileIdLanguage(request),
        ...text,
      })
      return {
        providerSession,
        digest,
        hashType: 'SHA256',
        verificationCode: verificationCode(digest),
        certificate,
      }
    },

    async poll(row, timeoutMs, now) {
      const status = await options.signer.status(
        row.provider_session ?? '',
        timeoutMs,
      )
      if (status.state === 'RUNNING') return 'RUNNING'
      if (status.result !== 'OK') return { result: status.result }
      const { signature } = status
      if (!signature || !row.certificate) return { result: 'SIGNATURE_INVALID' }
      const value = Buffer.from(signature.value, 'base64')
      const result = await judgeSignature(
        {
          certificate: Buffer.from(row.certificate, 'base64'),
          personalCode: row.personal_code,
          ocspRequired: false,
          verify: (certificate) =>
            verifyDigestSignature({
              certificate,
              digest: Buffer.from(row.transfer_digest, 'base64'),
              hashType: row.hash_type,
              signature: value,
              algorithm: signature.algorithm,
            }),
        },
        { ...options.trust, now },
      )
      return { result, signature: signature.value }
    },
  }
}
