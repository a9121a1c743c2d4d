import {
  createRouter,
  createWebHistory,
  type Router,
  type RouterHistory,
} from 'vue-router'
import type { Catalog } from '@/catalog/catalog'
import { installGuards } from './guards'
import { installRouteChange } from './routeChange'
import { moduleRoutes, shellRoutes } from './routes'

/**
 * The portal's router: the shell's pages, every discovered module's pages
 * under `/services/<id>/`, sign-in guards and the accessible page change.
 */
export function createAppRouter(
  catalog: Catalog,
  history: RouterHistory = createWebHistory(),
): Router {
  const router = createRouter({
    history,
    routes: [...moduleRoutes(catalog), ...shellRoutes()],
    // A change of query alone (the sign-in method, say) stays where it is.
    scrollBehavior: (to, from, saved) => {
      if (saved) return saved
      if (to.hash) return { el: to.hash }
      return to.path === from.path ? false : { top: 0 }
    },
  })
  installGuards(router, catalog)
  installRouteChange(router)
  return router
}
