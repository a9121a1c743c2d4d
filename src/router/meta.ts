import type { AssuranceLevel, Translated } from '@common/catalog/manifest'

export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** Shell pages: the i18n key of the page title. */
    titleKey?: string
    /** Service module pages: the title from the module's manifest. */
    title?: Translated
    /** Service module pages: the module the page belongs to. */
    moduleId?: string
    /** The sign-in a page needs; absent or `none` for public pages. */
    assurance?: AssuranceLevel
  }
}
