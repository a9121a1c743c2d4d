/**
 * What every provider's settings share: a setting that is missing or
 * wrong stops start-up with a message naming it, and ports are checked
 * the same way everywhere.
 */

export type Env = Record<string, string | undefined>

/** A setting that is missing or wrong; start-up stops with its message. */
export class SettingError extends Error {
  override name = 'SettingError'
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Setting ${setting}: ${problem}`)
  }
}

/**
 * A port setting, `fallback` when unset; `0` takes a free port. `Failure`
 * is the provider's own SettingError class.
 */
export function readPort(
  env: Env,
  name: string,
  fallback: number,
  Failure: new (
    setting: string,
    problem: string,
  ) => SettingError = SettingError,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Failure(name, `'${raw}' is not a port`)
  }
  return value
}
