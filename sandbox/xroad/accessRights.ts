import {
  formatClientId,
  formatServiceId,
  parseClientId,
  parseServiceId,
} from '../../common/xroad/identifiers.ts'
import type { AccessRight } from '../../server/catalog/sandboxFragment.ts'
import { matchPathGlob } from './pathGlob.ts'

/** A method and path glob of a REST service (PR-MREST endpoint). */
export interface Endpoint {
  method: string
  path: string
}

interface Right {
  client: string
  service: string
  methods: string[]
  path: string
}

/** Service key without version: X-Road grants rights per service code. */
export function serviceKey(service: {
  instance: string
  memberClass: string
  memberCode: string
  subsystemCode: string
  serviceCode: string
}): string {
  return formatServiceId(service)
}

function compile(right: AccessRight): Right {
  const client = parseClientId(right.client)
  const service = parseServiceId(right.service)
  const where = `Access right ${right.client} → ${right.service}`
  if (!client)
    throw new Error(
      `${where}: the client is not INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`,
    )
  if (!service)
    throw new Error(`${where}: the service is not a full service id`)
  if (!right.path.startsWith('/')) {
    throw new Error(`${where}: the path glob '${right.path}' must start with /`)
  }
  if (right.methods.length === 0) throw new Error(`${where}: no methods`)
  return {
    client: formatClientId(client),
    service: serviceKey(service),
    methods: right.methods.map((m) => m.toUpperCase()),
    path: right.path,
  }
}

/**
 * The access rights a security server enforces: which client subsystem
 * may call which service with which methods on which paths. Nothing is
 * allowed unless a right says so.
 */
export class AccessRights {
  private readonly rights: Right[]

  /** Throws at start-up when a right is malformed. */
  constructor(rights: readonly AccessRight[]) {
    this.rights = rights.map(compile)
  }

  /** True when some right lets `client` call `method` on the path. */
  allows(
    client: string,
    service: string,
    method: string,
    segments: string[],
  ): boolean {
    const verb = method.toUpperCase()
    return this.rights.some(
      (r) =>
        r.client === client &&
        r.service === service &&
        (r.methods.includes('*') || r.methods.includes(verb)) &&
        matchPathGlob(r.path, segments),
    )
  }

  /** The endpoints `client` may call on `service`, for allowedMethods. */
  endpointsFor(client: string, service: string): Endpoint[] {
    return this.rights
      .filter((r) => r.client === client && r.service === service)
      .flatMap((r) => r.methods.map((method) => ({ method, path: r.path })))
  }
}
