import { PortalError } from '../errors.ts'

/** One error a service module declares: status and English message. */
export interface ModuleErrorSpec {
  status: number
  message: string
}

/**
 * Declares a module's own error codes. Each code must start with the
 * module's id in upper snake case, e.g. `PERSONAL_DATA_NOT_FOUND`; its
 * translations live in the module's `locales/*.json` under `errors`.
 */
export function defineModuleErrors<
  const T extends Record<string, ModuleErrorSpec>,
>(
  errors: T,
): { [K in keyof T]: (details?: unknown) => PortalError } & {
  readonly specs: T
} {
  const makers: Record<string, unknown> = { specs: errors }
  for (const [code, spec] of Object.entries(errors)) {
    makers[code] = (details?: unknown) =>
      new PortalError(code, spec.status, spec.message, details)
  }
  return makers as { [K in keyof T]: (details?: unknown) => PortalError } & {
    readonly specs: T
  }
}
