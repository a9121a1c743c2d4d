import type { FastifyInstance } from 'fastify'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import type { ModuleXRoad } from '../xroad/moduleClient.ts'

/** What the portal hands a module's server operations. */
export interface ModuleContext {
  manifest: ServiceManifest
  /** X-Road client that may call only the services the manifest declares. */
  xroad: ModuleXRoad
}

/**
 * A module's server operations: a Fastify plugin mounted under
 * `/api/services/<id>/`. Give every route a schema so it is validated and
 * described in the OpenAPI document.
 */
export type ModuleOperations = (
  app: FastifyInstance,
  context: ModuleContext,
) => Promise<void> | void

/** Identity helper that gives a module's `server.ts` its type. */
export function defineOperations(
  operations: ModuleOperations,
): ModuleOperations {
  return operations
}
