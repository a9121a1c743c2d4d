import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  indexedDbCheckpointStore,
  memoryCheckpointStore,
  type CheckpointStore,
} from './checkpointStore'

async function roundTrip(store: CheckpointStore) {
  expect(await store.get('a log')).toBeUndefined()
  await store.put('a log', 'note 1\n')
  await store.put('another log', 'note 2\n')
  await store.put('a log', 'note 3\n')
  expect(await store.get('a log')).toBe('note 3\n')
  expect(await store.get('another log')).toBe('note 2\n')
}

describe('checkpoint stores', () => {
  it('keep the last note per log in memory', async () => {
    await roundTrip(memoryCheckpointStore())
  })

  // happy-dom has no IndexedDB: fake-indexeddb implements the same API.
  it('keep the last note per log in IndexedDB, across openings', async () => {
    const factory = new IDBFactory()
    await roundTrip(indexedDbCheckpointStore('tracker-test', factory))
    const reopened = indexedDbCheckpointStore('tracker-test', factory)
    expect(await reopened.get('a log')).toBe('note 3\n')
    const other = indexedDbCheckpointStore('tracker-other', factory)
    expect(await other.get('a log')).toBeUndefined()
  })
})
