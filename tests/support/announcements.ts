import type { Page } from 'playwright-core'

declare global {
  interface Window {
    /** Every text the polite live region showed, in order. */
    __politeAnnouncements?: string[]
  }
}

/**
 * Records every text the portal's polite live region shows, from the
 * first paint of every page the tab opens. A screen reader reads each
 * change; a text replaced before it was shown is never read, and is
 * not recorded either.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: string[] = []
    window.__politeAnnouncements = said
    let last = ''
    const observer = new MutationObserver(() => {
      const region = document.querySelector('[data-testid="announcer-polite"]')
      const text = (region?.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (text !== last && text !== '') said.push(text)
      last = text
    })
    observer.observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    })
  })
}

/** What the polite live region has said since the page was loaded. */
export function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__politeAnnouncements ?? [])
}
