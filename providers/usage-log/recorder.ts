import type { FastifyRequest } from 'fastify'
import {
  formatClientId,
  memberOf,
  parseClientId,
} from '../../common/xroad/identifiers.ts'
import { UsageError } from './errors.ts'
import type { UsageLog } from './usageLog.ts'

/**
 * Records, in a register's usage log, that the X-Road request being
 * answered touched one person's data. Who asked (client member and
 * subsystem, `X-Road-UserId`), why (`X-Road-Issue`) and the X-Road
 * message id come from the headers the security server forwards; the
 * register says whose data and which action (e.g. `persons.read`).
 * Resolves once the record is committed, so a register answers only after
 * the access is logged. A covert investigation's access passes
 * `visibleAfter`: the person sees it only from then on.
 */
export type UsageRecorder = (
  request: FastifyRequest,
  personalCode: string,
  action: string,
  options?: { visibleAfter?: Date },
) => Promise<void>

/** Where a register's usage records go. */
export interface UsageRecorderOptions {
  log: UsageLog
  /** The register's subsystem, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  register: string
  /** A member's name by `INSTANCE/CLASS/MEMBER`, when known. */
  members?: (member: string) => string | undefined
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
 * The data set a request read: the X-Road service's code (the last part
 * of `X-Road-Service`, e.g. `persons`), else the action's first word.
 */
function datasetOf(request: FastifyRequest, action: string): string {
  const service = header(request, 'x-road-service')
  const code = service?.split('/').at(-1)
  return code || (action.split('.')[0] ?? action)
}

/**
 * A recorder that appends to the register's Merkle usage log. A request
 * without a well-formed `X-Road-Client` or without `X-Road-Id` did not
 * come through a security server: it is refused with
 * `XROAD_HEADERS_MISSING` (400) and nothing is recorded.
 */
export function usageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const now = options.now ?? (() => new Date())
  return async (request, personalCode, action, { visibleAfter } = {}) => {
    const clientText = header(request, 'x-road-client')
    const client = clientText === undefined ? null : parseClientId(clientText)
    const messageId = header(request, 'x-road-id')
    if (!client || !messageId) throw new UsageError('XROAD_HEADERS_MISSING')

    const memberName = options.members?.(memberOf(client))
    const official = header(request, 'x-road-userid')
    await options.log.append({
      who: {
        client: formatClientId(client),
        memberCode: client.memberCode,
        ...(memberName === undefined ? {} : { memberName }),
        subsystem: client.subsystemCode ?? null,
        ...(official === undefined ? {} : { official }),
      },
      whose: { personalCode },
      what: {
        register: options.register,
        dataset: datasetOf(request, action),
        action,
      },
      why: header(request, 'x-road-issue') ?? null,
      when: now().toISOString(),
      messageId,
      ...(visibleAfter ? { visibleAfter: visibleAfter.toISOString() } : {}),
    })
  }
}
