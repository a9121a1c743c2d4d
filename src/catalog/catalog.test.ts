import { describe, expect, it } from 'vitest'
import { moduleRoutes } from '@/router/routes'
import { fixtureCatalog } from './__fixtures__/catalog'
import { createCatalog } from './catalog'

describe('createCatalog', () => {
  it('finds modules by folder, with their pages and translations', async () => {
    const catalog = fixtureCatalog()
    expect(catalog.modules.map((m) => m.manifest.id)).toEqual(['child-benefit'])
    const module = catalog.find('child-benefit')
    expect(module?.page('Overview.vue')).toBeTypeOf('function')
    expect(module?.page('Missing.vue')).toBeUndefined()
    const ru = await module?.locale('ru')
    expect(ru?.errors.CHILD_BENEFIT_NOT_ELIGIBLE).toContain('пособие')
  })

  it('works with no modules at all', () => {
    const catalog = createCatalog({ manifests: {}, pages: {}, locales: {} })
    expect(catalog.modules).toEqual([])
    expect(moduleRoutes(catalog)).toEqual([])
  })

  it('stops development with every problem of a wrong manifest', () => {
    const wrong = () =>
      createCatalog({
        manifests: {
          '/services-catalog/tax-return/manifest.ts': { id: 'Tax Return' },
        },
        pages: {},
        locales: {},
      })
    expect(wrong).toThrow(/tax-return\/manifest\.ts is not valid/)
    expect(wrong).toThrow(/id: must equal the folder name 'tax-return'/)
    expect(wrong).toThrow(/lifeEvent/)
  })
})

describe('moduleRoutes', () => {
  it('puts each module page under /services/<id>/ with its manifest title', () => {
    const routes = moduleRoutes(fixtureCatalog())
    expect(routes.map((r) => r.path)).toEqual([
      '/services/child-benefit',
      '/services/child-benefit/payments/:year',
    ])
    expect(routes[1]?.meta?.title?.et).toBe('Maksed')
    expect(routes[0]?.meta?.assurance).toBe('substantial')
    expect(routes[0]?.meta?.moduleId).toBe('child-benefit')
  })
})
