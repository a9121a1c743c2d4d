import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { DEMO_RELYING_PARTY } from '../server/config.ts'
import { CertificateAuthority } from './ca/certificateAuthority.ts'
import { buildOcspResponder, OCSP_PATH } from './ca/ocspResponder.ts'
import { buildMobileIdService } from './mobileId/mobileIdService.ts'
import {
  buildSmartIdService,
  SMART_ID_PREFIX,
} from './smartId/smartIdService.ts'

/** The sandbox's identity providers and their certificate authority. */
export interface IdentityServices {
  ca: CertificateAuthority
  /** The Mobile-ID REST API, e.g. `http://127.0.0.1:8083/mid-api`. */
  mobileIdUrl: string
  /** The Smart-ID RP API, e.g. `http://127.0.0.1:8084/smart-id-rp/v3`. */
  smartIdUrl: string
  /** The CA's OCSP responder, e.g. `http://127.0.0.1:8085/ocsp`. */
  ocspUrl: string
  /** The servers to stop with the sandbox. */
  servers: FastifyInstance[]
}

/**
 * Opens the sandbox CA (made once per database) and starts its OCSP
 * responder and the Mobile-ID and Smart-ID services on loopback.
 */
export async function startIdentityServices(options: {
  db: Kysely<unknown>
  /** Mobile-ID's port; 0 or absent takes a free port. */
  port?: number
  /** The OCSP responder's port; 0 or absent takes a free port. */
  ocspPort?: number
  log: Logger
  /** How long a sandbox phone takes to confirm; MOBILE_ID_DELAY_MS. */
  confirmDelayMs?: number
  /** Smart-ID's port and delay (default: the Mobile-ID delay). */
  smartId?: { port?: number; confirmDelayMs?: number }
}): Promise<IdentityServices> {
  const ca = await CertificateAuthority.open(options.db)
  const relyingParties = [DEMO_RELYING_PARTY]
  const mobileId = buildMobileIdService({
    db: options.db,
    ca,
    relyingParties,
    confirmDelayMs: options.confirmDelayMs,
    log: options.log.child({ part: 'mobile-id' }) as FastifyBaseLogger,
  })
  const smartId = buildSmartIdService({
    db: options.db,
    ca,
    relyingParties,
    confirmDelayMs: options.smartId?.confirmDelayMs ?? options.confirmDelayMs,
    log: options.log.child({ part: 'smart-id' }) as FastifyBaseLogger,
  })
  const ocsp = buildOcspResponder({
    ca,
    log: options.log.child({ part: 'ocsp' }) as FastifyBaseLogger,
  })
  const servers = [mobileId, smartId, ocsp]
  try {
    await ocsp.listen({ port: options.ocspPort ?? 0, host: LOOPBACK })
    await mobileId.listen({ port: options.port ?? 0, host: LOOPBACK })
    await smartId.listen({ port: options.smartId?.port ?? 0, host: LOOPBACK })
  } catch (err) {
    for (const server of servers) await server.close()
    throw err
  }
  const ocspUrl = `${origin(ocsp)}${OCSP_PATH}`
  ca.useOcspResponder(ocspUrl)
  return {
    ca,
    mobileIdUrl: `${origin(mobileId)}/mid-api`,
    smartIdUrl: `${origin(smartId)}${SMART_ID_PREFIX}`,
    ocspUrl,
    servers,
  }
}

const LOOPBACK = '127.0.0.1'

function origin(app: FastifyInstance): string {
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) {
    throw new Error('The sandbox server did not report its port')
  }
  return `http://${LOOPBACK}:${address.port}`
}
