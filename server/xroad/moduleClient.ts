import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import { portalError } from '../errors.ts'
import type { Gateway, XRoadRequest, XRoadResponse } from './gateway.ts'

/** A call a module makes; the portal adds the citizen and the purpose. */
export interface ModuleCall {
  service: string
  method?: XRoadRequest['method']
  path?: string
  query?: Record<string, string>
  body?: unknown
  /** The signed-in citizen's personal code (never taken from the request). */
  personalCode: string
  /** A case id appended to the purpose code, where one exists. */
  caseId?: string
}

/** A case id travels in a header: printable ASCII, no spaces or colons. */
const CASE_ID = /^[\x21-\x39\x3b-\x7e]{1,100}$/

/** The X-Road client a module gets: only its declared services. */
export interface ModuleXRoad {
  call<T = unknown>(call: ModuleCall): Promise<XRoadResponse<T>>
}

/**
 * Scopes the gateway to one module: a service or method its manifest does
 * not declare is refused before anything leaves the portal.
 */
export function moduleXRoad(
  manifest: ServiceManifest,
  gateway: Gateway,
): ModuleXRoad {
  return {
    call<T>(call: ModuleCall) {
      const method = call.method ?? 'GET'
      const declared = manifest.services.find(
        (s) => s.service === call.service && s.methods.includes(method),
      )
      if (!declared) {
        throw portalError('SERVICE_NOT_DECLARED', {
          message: `Module ${manifest.id} did not declare ${method} ${call.service}.`,
        })
      }
      if (call.caseId !== undefined && !CASE_ID.test(call.caseId)) {
        throw portalError('XROAD_CLIENT_FAULT', {
          message: `Module ${manifest.id} sent a case id that is not printable ASCII.`,
        })
      }
      const issue = call.caseId
        ? `${declared.purposeCode}:${call.caseId}`
        : declared.purposeCode
      return gateway.send<T>({
        service: call.service,
        method,
        path: call.path,
        query: call.query,
        body: call.body,
        userId: `EE${call.personalCode}`,
        issue,
        timeoutMs: declared.timeoutMs,
      })
    },
  }
}
