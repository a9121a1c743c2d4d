import { createCatalog, type Catalog } from '@/catalog/catalog'

/**
 * The fixture modules as the build would discover them, under the same
 * `/services-catalog/<id>/…` keys that `import.meta.glob` produces.
 */
export function fixtureCatalog(): Catalog {
  const rename = (files: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(files).map(([path, value]) => [
        path.replace(/^\.\//, '/services-catalog/'),
        value,
      ]),
    )

  return createCatalog({
    manifests: rename(
      import.meta.glob('./*/manifest.ts', { eager: true, import: 'default' }),
    ),
    pages: rename(import.meta.glob('./*/pages/*.vue')) as Record<
      string,
      () => Promise<unknown>
    >,
    locales: rename(
      import.meta.glob('./*/locales/*.json', { import: 'default' }),
    ) as Record<string, () => Promise<unknown>>,
  })
}
