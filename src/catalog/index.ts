import { createCatalog, type Catalog } from './catalog'

/**
 * The service modules found at build time. Manifests are small and bundled
 * with the shell; pages and translations load lazily, each module's pages in
 * a chunk of its own (see `build.rolldownOptions` in vite.config.ts).
 */
export const catalog: Catalog = createCatalog({
  manifests: import.meta.glob('/services-catalog/*/manifest.ts', {
    eager: true,
    import: 'default',
  }),
  pages: import.meta.glob('/services-catalog/*/pages/*.vue'),
  locales: import.meta.glob('/services-catalog/*/locales/*.json', {
    import: 'default',
  }),
})

export type { Catalog, CatalogModule, ModuleLocale } from './catalog'
