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
    scrollBehavior: (to, _from, saved) =>
      saved ?? (to.hash ? { el: to.hash } : { top: 0 }),
  })
  installGuards(router, catalog)
  installRouteChange(router)
  return router
}
