import type { Page } from 'playwright-core'

/** The element that has focus, as a keyboard user would meet it. */
export interface Focused {
  tag: string
  id: string
  /** Its text with runs of white space made one space. */
  text: string
  href: string | null
}

/** Describes the focused element (`BODY` when nothing has focus). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement ?? document.body
    return {
      tag: element.tagName,
      id: element.id,
      text: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: element.getAttribute('href'),
    }
  })
}

/** How far `tabTo` goes before it gives up: more than any page has stops. */
const MAX_TAB_STOPS = 60

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, and
 * returns it. Fails naming every stop it passed, so a missing or
 * unreachable control is easy to see.
 */
export async function tabTo(
  page: Page,
  matches: (element: Focused) => boolean,
  options: { backwards?: boolean } = {},
): Promise<Focused> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab'
  const passed: string[] = []
  for (let stop = 0; stop < MAX_TAB_STOPS; stop++) {
    await page.keyboard.press(key)
    const element = await focused(page)
    if (matches(element)) return element
    passed.push(`${element.tag} "${element.text.slice(0, 40)}"`)
  }
  throw new Error(
    `${key} never reached the element; it passed:\n  ${passed.join('\n  ')}`,
  )
}
