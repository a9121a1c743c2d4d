import type { Endpoint } from './accessRights.ts'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch']

/**
 * The endpoints an OpenAPI 3 description declares, with path parameters
 * as `*`, as X-Road lists them for a service described by OpenAPI.
 */
export function openApiEndpoints(description: unknown): Endpoint[] {
  const paths =
    typeof description === 'object' && description !== null
      ? (description as { paths?: unknown }).paths
      : undefined
  if (typeof paths !== 'object' || paths === null) return []

  const endpoints: Endpoint[] = []
  for (const [path, operations] of Object.entries(paths)) {
    if (typeof operations !== 'object' || operations === null) continue
    const glob = path.replace(/\{[^/}]+\}/g, '*')
    for (const method of METHODS) {
      if (method in operations) {
        endpoints.push({ method: method.toUpperCase(), path: glob })
      }
    }
  }
  return endpoints
}
