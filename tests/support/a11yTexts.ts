import { readFileSync } from 'node:fs'
import type { Language } from '../../common/catalog/manifest.ts'

const loaded = new Map<Language, unknown>()

function messages(language: Language): unknown {
  let found = loaded.get(language)
  if (!found) {
    const file = new URL(
      `../../src/i18n/locales/${language}.json`,
      import.meta.url,
    )
    found = JSON.parse(readFileSync(file, 'utf8')) as unknown
    loaded.set(language, found)
  }
  return found
}

/**
 * A text of the shell in one language, e.g. `network.offlineTitle`, so a
 * check can wait for exactly what a citizen would read.
 */
export function shellText(language: Language, key: string): string {
  const text = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      messages(language),
    )
  if (typeof text !== 'string') {
    throw new Error(`The shell has no text '${key}' in ${language}.`)
  }
  return text
}

/** The keys below a group of shell texts, e.g. a method's `results`. */
export function shellTextKeys(key: string): string[] {
  const group = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      messages('en'),
    )
  if (!group || typeof group !== 'object') {
    throw new Error(`The shell has no group of texts '${key}'.`)
  }
  return Object.keys(group)
}
