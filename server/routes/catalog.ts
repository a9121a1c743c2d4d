import type { FastifyInstance } from 'fastify'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'

/** `GET /api/catalog`: the service modules, public and cacheable. */
export async function catalogRoutes(
  app: FastifyInstance,
  options: { manifests: ServiceManifest[] },
): Promise<void> {
  const body = { modules: options.manifests }

  app.get(
    '/api/catalog',
    {
      config: { publicData: true },
      schema: {
        summary: 'The service modules in the catalog',
        tags: ['catalog'],
        response: {
          200: {
            type: 'object',
            properties: {
              modules: {
                type: 'array',
                items: { type: 'object', additionalProperties: true },
              },
            },
          },
        },
      },
    },
    async () => body,
  )
}
