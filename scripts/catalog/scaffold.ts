import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { moduleErrorPrefix } from '../../common/catalog/errorPrefix.ts'
import { moduleFiles } from './template.ts'

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/**
 * Writes a working service module to `<catalogDir>/<id>/`: manifest, page,
 * texts in three languages, a server operation, its error codes, a sandbox
 * stub provider with access rights, and tests, formatted as the project
 * formats code. Returns the folder.
 */
export async function scaffoldModule(
  catalogDir: string,
  id: string,
): Promise<string> {
  if (!ID.test(id)) {
    throw new Error(
      `'${id}' is not a module id: use kebab-case, e.g. parking-permit.`,
    )
  }
  const folder = join(catalogDir, id)
  if (existsSync(folder)) throw new Error(`${folder} already exists.`)

  const files = moduleFiles({ id, prefix: moduleErrorPrefix(id) })
  for (const [path, content] of Object.entries(files)) {
    const file = join(folder, path)
    mkdirSync(join(file, '..'), { recursive: true })
    const options = (await resolveConfig(file)) ?? {}
    writeFileSync(file, await format(content, { ...options, filepath: file }))
  }
  return folder
}
