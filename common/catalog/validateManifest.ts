import { parseServiceId } from '../xroad/identifiers.ts'
import {
  ASSURANCE_LEVELS,
  LANGUAGES,
  LIFE_EVENTS,
  MODULE_STATUSES,
  OFFLINE_POLICIES,
} from './manifest.ts'

/** One problem in a manifest: the field's path and what is wrong with it. */
export interface ManifestProblem {
  field: string
  message: string
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const ROUTE_PATH = /^$|^[a-z0-9-]+(\/(:[a-zA-Z]+|[a-z0-9-]+))*$|^:[a-zA-Z]+$/
const PAGE = /^[A-Z][A-Za-z0-9]*\.vue$/
const PURPOSE = /^[A-Z][A-Z0-9_]{2,63}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

class Checker {
  readonly problems: ManifestProblem[] = []

  fail(field: string, message: string): void {
    this.problems.push({ field, message })
  }

  object(value: unknown, field: string): Obj | null {
    if (isObject(value)) return value
    this.fail(field, 'must be an object')
    return null
  }

  string(value: unknown, field: string, pattern?: RegExp, hint?: string) {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(field, 'must be a non-empty string')
    } else if (pattern && !pattern.test(value)) {
      this.fail(field, `must be ${hint ?? `like ${pattern.source}`}`)
    }
  }

  oneOf(value: unknown, field: string, allowed: readonly string[]) {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(field, `must be one of ${allowed.join(', ')}`)
    }
  }

  translated(value: unknown, field: string) {
    const text = this.object(value, field)
    if (!text) return
    for (const lang of LANGUAGES) this.string(text[lang], `${field}.${lang}`)
    for (const key of Object.keys(text)) {
      if (!(LANGUAGES as readonly string[]).includes(key)) {
        this.fail(`${field}.${key}`, 'is not a portal language (et, en, ru)')
      }
    }
  }

  list(value: unknown, field: string): unknown[] {
    if (Array.isArray(value)) return value
    this.fail(field, 'must be a list')
    return []
  }
}

function checkRoutes(c: Checker, value: unknown) {
  const routes = c.list(value, 'routes')
  if (routes.length === 0) c.fail('routes', 'must list at least one page')

  const seen = new Set<string>()
  routes.forEach((item, i) => {
    const route = c.object(item, `routes[${i}]`)
    if (!route) return
    c.string(route.page, `routes[${i}].page`, PAGE, 'a PascalCase .vue file')
    c.translated(route.title, `routes[${i}].title`)
    if (typeof route.path !== 'string' || !ROUTE_PATH.test(route.path)) {
      c.fail(`routes[${i}].path`, "must be '' or lower-case segments")
    } else if (seen.has(route.path)) {
      c.fail(`routes[${i}].path`, `repeats the path '${route.path}'`)
    } else {
      seen.add(route.path)
    }
  })
}

function checkServices(c: Checker, value: unknown) {
  c.list(value, 'services').forEach((item, i) => {
    const field = `services[${i}]`
    const service = c.object(item, field)
    if (!service) return
    const id = service.service
    if (typeof id !== 'string' || !parseServiceId(id)) {
      c.fail(
        `${field}.service`,
        'must be INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]',
      )
    }
    const methods = c.list(service.methods, `${field}.methods`)
    if (methods.length === 0) c.fail(`${field}.methods`, 'must not be empty')
    methods.forEach((m, j) => c.oneOf(m, `${field}.methods[${j}]`, METHODS))
    c.string(
      service.purposeCode,
      `${field}.purposeCode`,
      PURPOSE,
      'an upper-case ASCII code such as PERSONAL_DATA_VIEW',
    )
    c.translated(service.purpose, `${field}.purpose`)
    const timeout = service.timeoutMs
    if (
      timeout !== undefined &&
      (typeof timeout !== 'number' ||
        !Number.isInteger(timeout) ||
        timeout < 100 ||
        timeout > 60_000)
    ) {
      c.fail(`${field}.timeoutMs`, 'must be whole milliseconds, 100 to 60000')
    }
  })
}

/**
 * Checks a manifest against the catalog schema. Returns every problem found,
 * each naming the field, so a ministry team can fix them all at once.
 */
export function validateManifest(
  value: unknown,
  folder?: string,
): ManifestProblem[] {
  const c = new Checker()
  const m = c.object(value, '(manifest)')
  if (!m) return c.problems

  c.string(m.id, 'id', ID, 'kebab-case, e.g. tax-declaration')
  if (folder !== undefined && m.id !== folder) {
    c.fail('id', `must equal the folder name '${folder}'`)
  }
  const agency = c.object(m.agency, 'agency')
  if (agency) {
    c.translated(agency.name, 'agency.name')
    const member = agency.xroadMember
    if (typeof member !== 'string' || member.split('/').length !== 3) {
      c.fail('agency.xroadMember', 'must be INSTANCE/CLASS/MEMBER')
    }
  }
  c.translated(m.title, 'title')
  c.translated(m.description, 'description')
  c.oneOf(m.lifeEvent, 'lifeEvent', LIFE_EVENTS)
  c.oneOf(m.assurance, 'assurance', ASSURANCE_LEVELS)
  checkRoutes(c, m.routes)
  checkServices(c, m.services)
  c.oneOf(m.offline, 'offline', OFFLINE_POLICIES)
  c.oneOf(m.status, 'status', MODULE_STATUSES)

  const contact = c.object(m.contact, 'contact')
  if (contact)
    c.string(contact.email, 'contact.email', EMAIL, 'an e-mail address')
  const a11y = c.object(m.accessibility, 'accessibility')
  if (a11y) {
    c.oneOf(a11y.conformance, 'accessibility.conformance', ['full', 'partial'])
    c.translated(a11y.statement, 'accessibility.statement')
  }
  return c.problems
}
