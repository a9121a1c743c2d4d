/**
 * The settings `npm run a11y` passes to the accessibility suite through the
 * environment; the suite reads them, the script sets them.
 */

/** Folder to write an HTML report per checked page into; unset: none. */
export const REPORT_DIR_ENV = 'A11Y_REPORT_DIR'

/** A service module id: check only that module's pages. */
export const MODULE_ENV = 'A11Y_MODULE'

/** The report folder asked for, if any. */
export function reportDir(): string | undefined {
  return process.env[REPORT_DIR_ENV] || undefined
}

/** The one service module asked for, if any. */
export function onlyModule(): string | undefined {
  return process.env[MODULE_ENV] || undefined
}
