import type { Component } from 'vue'
import type { RouteComponent, RouteRecordRaw } from 'vue-router'
import type { Catalog } from '@/catalog/catalog'
import HomePage from '@/pages/HomePage.vue'
import NotFoundPage from '@/pages/NotFoundPage.vue'
import PageLoadFailed from '@/pages/PageLoadFailed.vue'
import './meta'

type PageLoader = () => Promise<unknown>

/**
 * Wraps a lazy page so that a chunk that cannot be fetched (offline before
 * the service worker cached it, or removed by a new deployment) shows a
 * page that explains it instead of a blank screen.
 */
export function lazyPage(load: PageLoader): () => Promise<RouteComponent> {
  return () =>
    load().then(
      (loaded) => loaded as RouteComponent,
      () => PageLoadFailed as Component,
    )
}

/** Where a module's route lives: `/services/<id>/<path>`. */
export function modulePath(moduleId: string, routePath: string): string {
  return routePath === ''
    ? `/services/${moduleId}`
    : `/services/${moduleId}/${routePath}`
}

/** Route name of a module page, for `router.push({ name })`. */
export function moduleRouteName(moduleId: string, routePath: string): string {
  return `service:${moduleId}:${routePath}`
}

/**
 * The routes of every discovered module, each page lazily loaded. A route
 * whose page file is missing is left out (and stops the app in development,
 * where the catalog check names it).
 */
export function moduleRoutes(catalog: Catalog): RouteRecordRaw[] {
  return catalog.modules.flatMap(({ manifest, page }) =>
    manifest.routes.flatMap((route): RouteRecordRaw[] => {
      const load = page(route.page)
      if (!load) {
        if (import.meta.env.DEV) {
          throw new Error(
            `[catalog] ${manifest.id}: route '${route.path}' names ` +
              `pages/${route.page}, which does not exist.`,
          )
        }
        return []
      }
      return [
        {
          path: modulePath(manifest.id, route.path),
          name: moduleRouteName(manifest.id, route.path),
          component: lazyPage(load),
          meta: {
            title: route.title,
            moduleId: manifest.id,
            assurance: manifest.assurance,
          },
        },
      ]
    }),
  )
}

/** The shell's own pages; the not-found page catches every other path. */
export function shellRoutes(): RouteRecordRaw[] {
  return [
    {
      path: '/',
      name: 'home',
      component: HomePage,
      meta: { titleKey: 'home.title' },
    },
    {
      path: '/sign-in',
      name: 'sign-in',
      component: lazyPage(() => import('@/pages/SignInPage.vue')),
      meta: { titleKey: 'signIn.title' },
    },
    {
      path: '/tracker',
      name: 'tracker',
      component: lazyPage(() => import('@/pages/TrackerPage.vue')),
      meta: { titleKey: 'tracker.title', assurance: 'substantial' },
    },
    {
      path: '/wallet',
      name: 'wallet',
      component: lazyPage(() => import('@/pages/WalletPage.vue')),
      meta: { titleKey: 'wallet.title', assurance: 'substantial' },
    },
    {
      path: '/wallet/send',
      name: 'wallet-send',
      component: lazyPage(() => import('@/pages/WalletSendPage.vue')),
      meta: { titleKey: 'wallet.send.title', assurance: 'substantial' },
    },
    {
      path: '/wallet/receive',
      name: 'wallet-receive',
      component: lazyPage(() => import('@/pages/WalletReceivePage.vue')),
      meta: { titleKey: 'wallet.receive.title', assurance: 'substantial' },
    },
    {
      path: '/wallet/statement',
      name: 'wallet-statement',
      component: lazyPage(() => import('@/pages/WalletStatementPage.vue')),
      meta: { titleKey: 'wallet.statement.title', assurance: 'substantial' },
    },
    {
      path: '/settings',
      name: 'settings',
      component: lazyPage(() => import('@/pages/SettingsPage.vue')),
      meta: { titleKey: 'settings.title' },
    },
    {
      path: '/accessibility',
      name: 'accessibility',
      component: lazyPage(() => import('@/pages/AccessibilityPage.vue')),
      meta: { titleKey: 'accessibility.title' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: NotFoundPage,
      meta: { titleKey: 'notFound.title' },
    },
  ]
}
