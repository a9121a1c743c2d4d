import type { FastifyInstance } from 'fastify'
import { requiresSignIn } from '../../common/catalog/manifest.ts'
import type { Gateway } from '../xroad/gateway.ts'
import { moduleXRoad } from '../xroad/moduleClient.ts'
import type { CatalogModule } from './discover.ts'

/**
 * Mounts each module's operations under `/api/services/<id>/`, each in its
 * own encapsulated context with an X-Road client limited to the services
 * its manifest declares. Modules that need sign-in get it enforced here.
 */
export async function mountModules(
  app: FastifyInstance,
  options: { modules: CatalogModule[]; gateway: Gateway },
): Promise<void> {
  for (const module of options.modules) {
    const operations = module.operations
    if (!operations) continue
    const { manifest } = module

    await app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          route.schema = {
            ...route.schema,
            tags: [`service:${manifest.id}`],
          }
        })
        if (requiresSignIn(manifest)) {
          scope.addHook('preHandler', app.requireCitizen)
        }
        await operations(scope, {
          manifest,
          xroad: moduleXRoad(manifest, options.gateway),
        })
      },
      { prefix: `/api/services/${manifest.id}` },
    )
  }
}
