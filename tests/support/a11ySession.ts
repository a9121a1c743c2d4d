import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { PageCheck } from './a11yCheck.ts'
import { auditPage, expectAccessible } from './a11yAudit.ts'
import { CspWatch, recordCspViolations } from './a11yCsp.ts'
import { waitSettled } from './a11yPage.ts'
import { shellText } from './a11yTexts.ts'
import { signIn, variantContext, type Variant } from './a11yVariants.ts'

/**
 * One browser context and page of the accessibility suite, showing the
 * portal in one variant (language, width, theme), reused check after check.
 */
export class A11ySession {
  private signedIn = false

  private constructor(
    readonly origin: string,
    readonly variant: Variant,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly csp: CspWatch,
  ) {}

  /**
   * Opens a session. Service workers are blocked (so `page.route` sees
   * every API call) unless `serviceWorkers` is set.
   */
  static async start(
    browser: Browser,
    origin: string,
    variant: Variant,
    options: { serviceWorkers?: boolean } = {},
  ): Promise<A11ySession> {
    const context = await variantContext(browser, origin, variant, options)
    await recordCspViolations(context)
    const page = await context.newPage()
    return new A11ySession(origin, variant, context, page, new CspWatch(page))
  }

  /** The full address of a portal path. */
  url(path: string): string {
    return this.origin + path
  }

  /** A shell text in the session's language. */
  text(key: string, variant = this.variant): string {
    return shellText(variant.language, key)
  }

  /** Signs the session in as the sandbox resident, once. */
  async signIn(): Promise<void> {
    if (this.signedIn) return
    await signIn(this.context, this.origin)
    this.signedIn = true
  }

  /**
   * Opens a portal path, makes sure the portal did not send the page
   * elsewhere (to sign-in, say) and, unless told not to, waits until it
   * has settled.
   */
  async open(path: string, options: { settle?: boolean } = {}): Promise<void> {
    await this.page.goto(this.url(path))
    const wanted = new URL(this.url(path)).pathname
    const shown = new URL(this.page.url()).pathname
    if (shown !== wanted) {
      throw new Error(`Opening ${path} showed ${shown} instead.`)
    }
    if (options.settle ?? true) await waitSettled(this.page)
  }

  /**
   * Checks the page as it is now (see auditPage) and fails on any problem.
   * The variant is the session's unless the page was switched to another.
   */
  async expectAccessible(
    check: Omit<PageCheck, 'variant'>,
    variant = this.variant,
  ): Promise<void> {
    const audit = await auditPage(this.page, { ...check, variant }, this.csp)
    expectAccessible(audit)
  }

  async close(): Promise<void> {
    await this.context.close()
  }
}
