import { createHash } from 'node:crypto'
import { SeededRandom } from '../population/random.ts'

/**
 * A generator seeded by a personal code and a topic, so each register draws
 * the same facts about a person on every run and in every database, and
 * one topic's draws do not shift another's.
 */
export function personRandom(
  personalCode: string,
  topic: string,
): SeededRandom {
  const digest = createHash('sha256')
    .update(`${topic}/${personalCode}`)
    .digest()
  return new SeededRandom(digest.readInt32BE(0))
}
