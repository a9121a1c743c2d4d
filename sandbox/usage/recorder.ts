import type { FastifyRequest } from 'fastify'

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
