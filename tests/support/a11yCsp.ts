import type { BrowserContext, Page } from 'playwright-core'

declare global {
  interface Window {
    /** Content-Security-Policy violations this document reported. */
    __cspViolations?: string[]
  }
}

/** Browser console lines Chromium writes for a refused resource. */
const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i

/**
 * Makes every page of the context record `securitypolicyviolation` events
 * from its first script on, before the portal's own code runs.
 */
export async function recordCspViolations(
  context: BrowserContext,
): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = []
    window.__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      const source = event.sourceFile
        ? ` (${event.sourceFile}:${event.lineNumber})`
        : ''
      seen.push(
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline'}` +
          source,
      )
    })
  })
}

/**
 * Collects a page's CSP violations from both the events (see
 * recordCspViolations) and the console, so workers' refusals count too.
 */
export class CspWatch {
  private readonly messages: string[] = []

  constructor(private readonly page: Page) {
    page.on('console', (message) => {
      if (CSP_MESSAGE.test(message.text())) this.messages.push(message.text())
    })
  }

  /** Everything reported since the last call; the console list restarts. */
  async take(): Promise<string[]> {
    const events = await this.page.evaluate(
      () => window.__cspViolations?.splice(0) ?? [],
    )
    const fromConsole = this.messages.splice(0)
    return [...new Set([...events, ...fromConsole])]
  }
}
