/**
 * Small wrappers around `localStorage` that never throw: storage can be
 * disabled, full or missing (private windows, tests), and a preference that
 * cannot be saved must not break the portal.
 */

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}

/** Reads a saved preference, or undefined when there is none. */
export function readPreference(key: string): string | undefined {
  try {
    return storage()?.getItem(key) ?? undefined
  } catch {
    return undefined
  }
}

/** Saves a preference; silently does nothing when storage is unavailable. */
export function writePreference(key: string, value: string): void {
  try {
    storage()?.setItem(key, value)
  } catch {
    // Limitation: with storage disabled the choice lasts only this visit.
  }
}
