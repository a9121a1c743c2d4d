import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The shared test vectors, beside the checkout (`../shared/test-vectors`). */
export const VECTORS_DIR = resolve(
  process.env.TEST_VECTORS_DIR ??
    new URL('../../../shared/test-vectors', import.meta.url).pathname,
)

/** Reads and parses one JSON vector file below the vectors folder. */
export function readVector<T>(path: string): T {
  return JSON.parse(readFileSync(resolve(VECTORS_DIR, path), 'utf8')) as T
}
