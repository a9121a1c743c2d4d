import {
  parseClientId,
  type XRoadClientId,
} from '../../common/xroad/identifiers.ts'
import type { Endpoint } from './accessRights.ts'
import type {
  MemberRegistration,
  RegisteredService,
} from './serviceRegistry.ts'

/** Service codes a security server answers itself (PR-MREST 3, 4). */
export const METASERVICES = [
  'listMethods',
  'allowedMethods',
  'getOpenAPI',
] as const
export type Metaservice = (typeof METASERVICES)[number]

export function isMetaservice(code: string): code is Metaservice {
  return (METASERVICES as readonly string[]).includes(code)
}

/** A client in the listClients JSON answer (PR-META 2, Annex C.1). */
export interface ClientListEntry {
  id: {
    member_class: string
    member_code: string
    subsystem_code?: string
    object_type: 'MEMBER' | 'SUBSYSTEM'
    xroad_instance: string
  }
  name: string
}

/** A service in the listMethods and allowedMethods answers (PR-MREST B). */
export interface RestServiceEntry {
  member_class: string
  member_code: string
  object_type: 'SERVICE'
  service_code: string
  service_type: 'OPENAPI' | 'REST'
  subsystem_code: string
  xroad_instance: string
  endpoint_list: Endpoint[]
}

/**
 * The listClients answer: the members and subsystems of `instance`, or of
 * the instance asked for with `?xRoadInstance=`.
 *
 * Limitation: JSON only; the XML form PR-META gives for clients that do not
 * ask for JSON is not produced.
 */
export function listClients(
  members: readonly MemberRegistration[],
  instance: string,
): { member: ClientListEntry[] } {
  const entries: ClientListEntry[] = []
  for (const member of members) {
    const id: XRoadClientId | null = parseClientId(member.id)
    if (!id || id.instance !== instance) continue
    entries.push({
      id: {
        member_class: id.memberClass,
        member_code: id.memberCode,
        ...(id.subsystemCode === undefined
          ? {}
          : { subsystem_code: id.subsystemCode }),
        object_type: id.subsystemCode === undefined ? 'MEMBER' : 'SUBSYSTEM',
        xroad_instance: id.instance,
      },
      name: member.name,
    })
  }
  return { member: entries }
}

/**
 * The listMethods or allowedMethods answer for one provider subsystem:
 * its services with the endpoints `endpointsOf` gives. A service without
 * endpoints is left out, so allowedMethods lists only what the caller may
 * call.
 */
export function methodList(
  services: readonly RegisteredService[],
  endpointsOf: (service: RegisteredService) => Endpoint[],
): { service: RestServiceEntry[] } {
  const entries: RestServiceEntry[] = []
  for (const service of services) {
    const endpoints = endpointsOf(service)
    if (endpoints.length === 0) continue
    entries.push({
      member_class: service.id.memberClass,
      member_code: service.id.memberCode,
      object_type: 'SERVICE',
      service_code: service.id.serviceCode,
      service_type: service.openApiPath ? 'OPENAPI' : 'REST',
      subsystem_code: service.id.subsystemCode,
      xroad_instance: service.id.instance,
      endpoint_list: endpoints,
    })
  }
  return { service: entries }
}
