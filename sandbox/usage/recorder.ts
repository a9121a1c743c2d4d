import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import {
  formatClientId,
  memberOf,
  parseClientId,
} from '../../common/xroad/identifiers.ts'
import { UsageError } from './errors.ts'
import { appendUsage } from './usageLog.ts'

/**
 * Records, in a register's usage log, that the X-Road request being
 * answered touched one person's data. Who asked (client member and
 * subsystem, `X-Road-UserId`), why (`X-Road-Issue`) and the X-Road
 * message id come from the headers the security server forwards; the
 * register says whose data and which action (e.g. `persons.read`).
 * Resolves once the record is committed, so a register answers only after
 * the access is logged.
 */
export type UsageRecorder = (
  request: FastifyRequest,
  personalCode: string,
  action: string,
) => Promise<void>

/** Where a register's usage records go. */
export interface UsageRecorderOptions {
  db: Kysely<unknown>
  /** The register's subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  register: string
  /** The clock records are stamped with (default the system clock). */
  now?: () => Date
}

/** One header's value, or undefined when absent or empty. */
function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  const text = Array.isArray(value) ? value[value.length - 1] : value
  return text === undefined || text.trim() === '' ? undefined : text.trim()
}

/**
 * A recorder that writes to the `sandbox_usage_log` table. A request
 * without a well-formed `X-Road-Client` or without `X-Road-Id` did not
 * come through a security server: it is refused with
 * `XROAD_HEADERS_MISSING` (400) and nothing is recorded.
 */
export function usageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const now = options.now ?? (() => new Date())
  return async (request, personalCode, action) => {
    const clientText = header(request, 'x-road-client')
    const client = clientText === undefined ? null : parseClientId(clientText)
    const xRoadId = header(request, 'x-road-id')
    if (!client || !xRoadId) throw new UsageError('XROAD_HEADERS_MISSING')

    await appendUsage(options.db, {
      register: options.register,
      loggedAt: now(),
      personalCode,
      action,
      client: formatClientId(client),
      clientMember: memberOf(client),
      clientMemberCode: client.memberCode,
      clientSubsystem: client.subsystemCode ?? null,
      service: header(request, 'x-road-service') ?? null,
      userId: header(request, 'x-road-userid') ?? null,
      issue: header(request, 'x-road-issue') ?? null,
      xRoadId,
    })
  }
}
