import { requiresSignIn } from '../../common/catalog/manifest.ts'
import { discoverModules } from '../../server/catalog/discover.ts'

/** A page of the portal the accessibility suite opens. */
export interface CheckedRoute {
  /** The address opened, e.g. `/services/documents`. */
  path: string
  /** What the page is, for test names and reports. */
  name: string
  /** True when the page needs a signed-in citizen. */
  needsSignIn: boolean
  /** For a service module's page: the module and where its API lives. */
  module?: { id: string; api: string }
}

/** The shell's own pages, the not-found page included. */
export const SHELL_ROUTES: CheckedRoute[] = [
  { path: '/', name: 'home', needsSignIn: false },
  { path: '/sign-in', name: 'sign-in', needsSignIn: false },
  { path: '/settings', name: 'settings', needsSignIn: false },
  { path: '/tracker', name: 'who used my data', needsSignIn: true },
  { path: '/wallet', name: 'wallet', needsSignIn: true },
  { path: '/wallet/send', name: 'wallet send', needsSignIn: true },
  { path: '/wallet/receive', name: 'wallet receive', needsSignIn: true },
  { path: '/wallet/statement', name: 'wallet statement', needsSignIn: true },
  {
    path: '/accessibility',
    name: 'accessibility statement',
    needsSignIn: false,
  },
  { path: '/no-such-page', name: 'not found', needsSignIn: false },
]

/**
 * Where a module route lives, as `modulePath` in `src/router/routes.ts`
 * places it. A `:param` is given the value `1`, as no manifest says more.
 */
function moduleRoutePath(moduleId: string, routePath: string): string {
  const path = routePath.replace(/:\w+(\([^)]*\))?\??/g, '1')
  return path === '' ? `/services/${moduleId}` : `/services/${moduleId}/${path}`
}

/**
 * Every route of every service module in `services-catalog/`, or of the
 * one module named; an unknown name is an error that lists the known ones.
 */
export async function moduleRoutes(only?: string): Promise<CheckedRoute[]> {
  const modules = await discoverModules()
  const chosen = modules.filter((m) => !only || m.manifest.id === only)
  if (only && chosen.length === 0) {
    const known = modules.map((m) => m.manifest.id).join(', ')
    throw new Error(`No service module '${only}'. Known modules: ${known}.`)
  }

  return chosen.flatMap(({ manifest }) =>
    manifest.routes.map((route): CheckedRoute => ({
      path: moduleRoutePath(manifest.id, route.path),
      name: `${manifest.id}: ${route.title.en}`,
      needsSignIn: requiresSignIn(manifest),
      module: { id: manifest.id, api: `/api/services/${manifest.id}/` },
    })),
  )
}
