import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCatalog } from '../../server/catalog/checkCatalog.ts'
import {
  startModuleHarness,
  type ModuleHarness,
} from '../../tests/support/moduleHarness.ts'
import { scaffoldModule } from './scaffold.ts'

// Module files import '../../common/…', so the catalog must sit at the
// top of the checkout, like services-catalog/ itself.
const ROOT = resolve(new URL('../..', import.meta.url).pathname)

describe('scaffolding a module', () => {
  let catalog: string
  let harness: ModuleHarness | undefined

  beforeAll(() => {
    catalog = mkdtempSync(join(ROOT, '.catalog-test-'))
  })
  afterAll(async () => {
    await harness?.close()
    rmSync(catalog, { recursive: true, force: true })
  })

  it('refuses an id that is not kebab-case', async () => {
    await expect(scaffoldModule(catalog, 'Parking_Permit')).rejects.toThrow(
      /kebab-case/,
    )
  })

  it('makes a module that the catalog check accepts', async () => {
    await scaffoldModule(catalog, 'parking-permit')
    expect(await checkCatalog(catalog)).toEqual([])
    await expect(scaffoldModule(catalog, 'parking-permit')).rejects.toThrow(
      /exists/,
    )
  })

  it('makes a module whose operation answers through the sandbox', async () => {
    harness = await startModuleHarness(join(catalog, 'parking-permit'))
    const cookies = await harness.signIn('60001019906')
    const res = await harness.app.inject({
      url: '/api/services/parking-permit/status',
      cookies,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'in-progress',
      updatedOn: '2026-11-20',
    })
  })

  it('reports a broken manifest with its file and field', async () => {
    await scaffoldModule(catalog, 'broken-one')
    const file = join(catalog, 'broken-one', 'manifest.ts')
    writeFileSync(
      file,
      "export default { id: 'broken-one', title: { et: 'x', en: 'y' } }\n",
    )
    const problems = await checkCatalog(catalog)
    expect(problems).toContainEqual({
      file,
      field: 'title.ru',
      message: 'must be a non-empty string',
    })
    expect(problems.some((p) => p.field === 'lifeEvent')).toBe(true)
  })
})
