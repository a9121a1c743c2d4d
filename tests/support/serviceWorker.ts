import type { Page } from 'playwright-core'

/**
 * Waits until the portal's service worker is active (its precache is
 * complete) and controls the page. A first visit is not controlled until
 * the next load, because the worker waits to be asked before it takes
 * over open pages; so this reloads once when needed.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  const controlled = () =>
    page.evaluate(() => navigator.serviceWorker.controller !== null)
  if (!(await controlled())) await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/** Every URL kept in the page's Cache Storage, by cache name. */
export function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const found: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      found[name] = (await cache.keys()).map((request) => request.url)
    }
    return found
  })
}
