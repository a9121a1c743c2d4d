import {
  formatClientId,
  memberOf,
  parseServiceId,
  type XRoadClientId,
  type XRoadServiceId,
} from '../../common/xroad/identifiers.ts'
import { serviceKey, type Endpoint } from './accessRights.ts'
import type { R1Service } from './r1Url.ts'

/** A REST service a provider offers through the security server. */
export interface ServiceRegistration {
  /** `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`. */
  id: string
  /** The provider's address; the path below the service is appended. */
  baseUrl: string
  /** Where the provider serves its OpenAPI description, e.g. `/openapi.json`. */
  openApiPath?: string
  /**
   * The endpoints listMethods reports. Defaults to X-Road's catch-all
   * endpoint, any method on any path.
   */
  endpoints?: Endpoint[]
}

/** A member or subsystem that listClients reports. */
export interface MemberRegistration {
  /** `INSTANCE/CLASS/MEMBER` or `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  id: string
  name: string
}

/** A registered service, with its id parsed. */
export interface RegisteredService {
  id: XRoadServiceId
  key: string
  baseUrl: URL
  openApiPath?: string
  endpoints: Endpoint[]
}

const ANY_ENDPOINT: Endpoint[] = [{ method: '*', path: '**' }]

/** The services one security server offers, looked up by r1 service id. */
export class ServiceRegistry {
  private readonly byKey = new Map<string, RegisteredService>()

  /** Throws at start-up on a malformed or duplicate registration. */
  constructor(services: readonly ServiceRegistration[]) {
    for (const service of services) {
      const id = parseServiceId(service.id)
      if (!id) {
        throw new Error(
          `Service ${service.id}: expected INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`,
        )
      }
      const key = serviceKey(id)
      if (this.byKey.has(key))
        throw new Error(`Service ${key} is registered twice`)
      this.byKey.set(key, {
        id,
        key,
        baseUrl: new URL(service.baseUrl),
        openApiPath: service.openApiPath,
        endpoints: service.endpoints ?? ANY_ENDPOINT,
      })
    }
  }

  find(service: R1Service): RegisteredService | undefined {
    return this.byKey.get(serviceKey(service))
  }

  /** The services of one provider subsystem, in registration order. */
  ofSubsystem(subsystem: XRoadClientId): RegisteredService[] {
    const wanted = formatClientId(subsystem)
    return [...this.byKey.values()].filter(
      (s) => `${memberOf(s.id)}/${s.id.subsystemCode}` === wanted,
    )
  }
}
