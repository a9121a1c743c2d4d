import {
  LIFE_EVENTS,
  type Language,
  type LifeEvent,
  type ServiceManifest,
} from '@common/catalog/manifest'

// Russian й is a letter of its own, not и with a mark: keep its breve.
function dropMark(_: string, letter: string, marks: string): string {
  return /[иИ]/.test(letter) && marks === '\u0306' ? letter + marks : letter
}

/**
 * Folds text for searching: lower case, no diacritics (õ ä ö ü š ž become
 * o a o u s z), Russian ё read as е, and runs of space or punctuation made
 * one space. Typing without the special letters still finds the service.
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(\p{L})(\p{M}+)/gu, dropMark)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a query, folded; an empty list matches everything. */
export function searchTerms(query: string): string[] {
  const folded = normaliseForSearch(query)
  return folded === '' ? [] : folded.split(' ')
}

/** Everything a module is found by in one language, folded. */
export function searchableText(
  manifest: ServiceManifest,
  language: Language,
): string {
  const parts = [
    manifest.title[language],
    manifest.description[language],
    manifest.agency.name[language],
    ...(manifest.keywords?.[language] ?? []),
  ]
  return normaliseForSearch(parts.join(' '))
}

/** True when every word of the query occurs in the module's text. */
export function matchesQuery(
  manifest: ServiceManifest,
  terms: readonly string[],
  language: Language,
): boolean {
  if (terms.length === 0) return true
  const text = searchableText(manifest, language)
  return terms.every((term) => text.includes(term))
}

/** The modules of one life event, in title order. */
export interface LifeEventGroup {
  lifeEvent: LifeEvent
  modules: ServiceManifest[]
}

/**
 * Groups modules by life event in the order of LIFE_EVENTS, leaving out
 * events without modules, and sorts each group by its title as the current
 * language sorts.
 */
export function groupByLifeEvent(
  manifests: readonly ServiceManifest[],
  language: Language,
): LifeEventGroup[] {
  const collator = new Intl.Collator(language)
  return LIFE_EVENTS.map((lifeEvent) => ({
    lifeEvent,
    modules: manifests
      .filter((m) => m.lifeEvent === lifeEvent)
      .sort((a, b) => collator.compare(a.title[language], b.title[language])),
  })).filter((group) => group.modules.length > 0)
}
