import type { Browser, BrowserContext } from 'playwright-core'
import { LANGUAGES, type Language } from '../../common/catalog/manifest.ts'
import { LANGUAGE_KEY } from '../../src/i18n/language.ts'
import { signInWithMobileId, type PortalClient } from './residentSignIn.ts'

/** Where the settings store keeps the theme (`src/stores/settings.ts`). */
const THEME_KEY = 'portal.theme'

/** The widths every page is checked at: a small phone and a laptop. */
export const WIDTHS = [360, 1280] as const

/** The explicit themes; `system` only picks one of these. */
export const THEMES = ['light', 'dark'] as const
export type CheckedTheme = (typeof THEMES)[number]

/** One way a citizen sees the portal: language, screen width and theme. */
export interface Variant {
  language: Language
  width: number
  theme: CheckedTheme
}

/** Every language at every width in every theme. */
export const VARIANTS: Variant[] = LANGUAGES.flatMap((language) =>
  WIDTHS.flatMap((width) =>
    THEMES.map((theme): Variant => ({ language, width, theme })),
  ),
)

/**
 * Fewer variants for the rarer states: each language once narrow in the
 * light theme and once wide in the dark theme.
 */
export const SAMPLE_VARIANTS: Variant[] = VARIANTS.filter(
  ({ width, theme }) =>
    (width === WIDTHS[0] && theme === 'light') ||
    (width === WIDTHS[1] && theme === 'dark'),
)

/** "en, 360 px, dark theme": how reports and failures name a variant. */
export function variantLabel({ language, width, theme }: Variant): string {
  return `${language}, ${width} px, ${theme} theme`
}

/** A viewport of the variant's width and a plausible height. */
export function viewportOf(variant: Variant): {
  width: number
  height: number
} {
  return { width: variant.width, height: variant.width < 600 ? 740 : 800 }
}

/** The sandbox resident the suite signs in as, with her Mobile-ID number. */
export const RESIDENT = {
  personalCode: '60001019906',
  phoneNumber: '+37200000766',
}

/**
 * A browser context that opens the portal in the variant's language and
 * theme, saved in localStorage exactly as the settings page saves them.
 * Service workers are blocked unless asked for, so `page.route` sees
 * every API call.
 */
export async function variantContext(
  browser: Browser,
  origin: string,
  variant: Variant,
  options: { serviceWorkers?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: viewportOf(variant),
    serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
    storageState: {
      cookies: [],
      origins: [
        {
          origin,
          localStorage: [
            { name: LANGUAGE_KEY, value: variant.language },
            { name: THEME_KEY, value: variant.theme },
          ],
        },
      ],
    },
  })
}

/**
 * Signs the context in as the sandbox resident through the sandbox
 * Mobile-ID service, with the context's own request client, so the
 * session cookie lands in the context's cookie jar as a page's would.
 */
export async function signIn(
  context: BrowserContext,
  origin: string,
  resident = RESIDENT,
): Promise<void> {
  const client: PortalClient = {
    async send(method, path, body) {
      const response = await context.request.fetch(`${origin}${path}`, {
        method,
        data: body,
        headers: { Origin: origin },
      })
      const text = await response.text()
      return { status: response.status(), body: text ? JSON.parse(text) : null }
    },
  }
  await signInWithMobileId(client, resident)
}
