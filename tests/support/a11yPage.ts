import type { Page, Route } from 'playwright-core'

/** Waits until the page has its heading and nothing is loading any more. */
export async function waitSettled(page: Page): Promise<void> {
  await page.locator('#main h1').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('#main .loading'))
}

/**
 * Holds every request matching the pattern unanswered, so the page stays
 * in its loading state; the returned function lets them through again.
 */
export async function holdRequests(
  page: Page,
  pattern: string,
): Promise<() => Promise<void>> {
  const held: Route[] = []
  const hold = (route: Route) => {
    held.push(route)
  }
  await page.route(pattern, hold)
  return async () => {
    await page.unroute(pattern, hold)
    // The page may have moved on; a request it no longer waits for is fine.
    await Promise.all(held.map((route) => route.continue().catch(() => {})))
  }
}

/**
 * Answers every request matching the pattern with the portal's JSON error,
 * as the server would; returns a function that stops doing so.
 */
export async function failRequests(
  page: Page,
  pattern: string,
  status: number,
  code: string,
): Promise<() => Promise<void>> {
  const fail = (route: Route) =>
    route.fulfill({
      status,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: { code, message: `Made to fail by the test (${code}).` },
      }),
    })
  await page.route(pattern, fail)
  return () => page.unroute(pattern, fail)
}
