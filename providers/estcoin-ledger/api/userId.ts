import type { FastifyRequest } from 'fastify'
import { isValidPersonalCode } from '../../../common/personalCode.ts'
import { ServiceError } from './errors.ts'

/**
 * The person the request acts for: `X-Road-UserId`, which the client's
 * security server vouches for, as `EE` + personal code. Every operation
 * reads or moves only this person's money; nothing in the path or body
 * can name another sender.
 */
export function actingPerson(request: FastifyRequest): string {
  const value = request.headers['x-road-userid']
  const text = Array.isArray(value) ? undefined : value?.trim()
  const code = text?.startsWith('EE') ? text.slice(2) : ''
  if (!isValidPersonalCode(code)) throw new ServiceError('USER_ID_INVALID')
  return code
}
