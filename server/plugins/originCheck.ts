import type { FastifyInstance } from 'fastify'
import { portalError } from '../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests that do not come from PUBLIC_ORIGIN.
 * Browsers send `Origin` on every cross-site and every non-GET fetch; a
 * request without it (or with `Sec-Fetch-Site` other than same-origin) is
 * refused too, so a form on another site cannot act for the citizen.
 */
export function originCheck(
  app: FastifyInstance,
  options: { publicOrigin: string },
): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return

    const origin = request.headers.origin
    if (origin === options.publicOrigin) return
    if (
      origin === undefined &&
      request.headers['sec-fetch-site'] === 'same-origin'
    ) {
      return
    }
    throw portalError('CROSS_ORIGIN_REFUSED')
  })
}
