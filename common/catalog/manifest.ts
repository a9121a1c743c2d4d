/**
 * The service-module manifest: what a ministry declares about its module in
 * `services-catalog/<id>/manifest.ts`. The shell and the server know a module
 * only through this.
 */

/** The three languages every text is written in. */
export const LANGUAGES = ['et', 'en', 'ru'] as const
export type Language = (typeof LANGUAGES)[number]

/** A text in every portal language. */
export type Translated = Record<Language, string>

/** Life events the home page groups modules by, in display order. */
export const LIFE_EVENTS = [
  'family',
  'health',
  'work-and-taxes',
  'business',
  'residence-and-documents',
  'elections',
  'e-residency',
] as const
export type LifeEvent = (typeof LIFE_EVENTS)[number]

/** eIDAS levels; `none` means a public module without sign-in. */
export const ASSURANCE_LEVELS = ['none', 'low', 'substantial', 'high'] as const
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number]

export const OFFLINE_POLICIES = ['none', 'public'] as const
export type OfflinePolicy = (typeof OFFLINE_POLICIES)[number]

export const MODULE_STATUSES = ['alpha', 'beta', 'live'] as const
export type ModuleStatus = (typeof MODULE_STATUSES)[number]

/** One page of a module, shown at `/services/<id>/<path>`. */
export interface ModuleRoute {
  /** Path below the module's base, '' for its start page; `:param` allowed. */
  path: string
  /** File in the module's `pages/` folder, e.g. `Overview.vue`. */
  page: string
  /** Page title, also the document title and the route announcement. */
  title: Translated
}

/** An X-Road service the module's server operations may call. */
export interface DeclaredService {
  /** Full service id: `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]`. */
  service: string
  /** HTTP methods the module uses on it. */
  methods: ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[]
  /** Purpose sent as `X-Road-Issue`: printable ASCII, e.g. `PERSONAL_DATA_VIEW`. */
  purposeCode: string
  /** What the purpose means, for the citizen. Display only. */
  purpose: Translated
  /**
   * How long the portal waits for this service, in milliseconds, retries
   * included (default 10 000). Between 100 and 60 000.
   */
  timeoutMs?: number
}

/** Everything the catalog knows about one service module. */
export interface ServiceManifest {
  /** Kebab-case id; equals the folder name. */
  id: string
  agency: {
    name: Translated
    /** The agency's X-Road member: `INSTANCE/CLASS/MEMBER`. */
    xroadMember: string
  }
  title: Translated
  description: Translated
  lifeEvent: LifeEvent
  assurance: AssuranceLevel
  routes: ModuleRoute[]
  services: DeclaredService[]
  offline: OfflinePolicy
  status: ModuleStatus
  contact: { email: string; phone?: string }
  accessibility: {
    conformance: 'full' | 'partial'
    statement: Translated
  }
  /** Extra words the catalog search should match, per language. */
  keywords?: Partial<Record<Language, string[]>>
}

/** Identity helper that gives a manifest file its type. */
export function defineManifest(manifest: ServiceManifest): ServiceManifest {
  return manifest
}

/** True when a module needs a signed-in citizen. */
export function requiresSignIn(manifest: ServiceManifest): boolean {
  return manifest.assurance !== 'none'
}
