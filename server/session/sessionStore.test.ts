import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  SessionStore,
  TOUCH_INTERVAL_MS,
} from './sessionStore.ts'

const mary = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK',
  method: 'mobile-id',
  assurance: 'high',
}

describe.each(testDatabases())('sessions on $name', (engine) => {
  let database: PortalDatabase
  let now = new Date('2026-12-03T10:00:00Z')
  let store: SessionStore

  beforeAll(async () => {
    database = await engine.open()
    store = new SessionStore(database.db, () => now)
  })
  afterAll(() => database.close())

  const advance = (ms: number) => (now = new Date(now.getTime() + ms))

  it('finds the citizen of a live session and never stores the raw id', async () => {
    const { id } = await store.create(mary)
    expect((await store.touch(id))?.personalCode).toBe('60001019906')
    const rows = await database.db
      .selectFrom('sessions')
      .select('id_hash')
      .execute()
    expect(rows.map((r) => r.id_hash)).not.toContain(id)
  })

  it('ends a session after 15 idle minutes', async () => {
    const { id } = await store.create(mary)
    advance(IDLE_TIMEOUT_MS - 1000)
    expect(await store.touch(id)).not.toBeNull()
    advance(IDLE_TIMEOUT_MS - 1000)
    expect(await store.touch(id)).not.toBeNull()
    advance(IDLE_TIMEOUT_MS + 1000)
    expect(await store.touch(id)).toBeNull()
  })

  it('writes the idle clock at most once per touch interval, ending early rather than late', async () => {
    const { id } = await store.create(mary)
    const signedIn = now.getTime()
    advance(TOUCH_INTERVAL_MS - 1000)
    const early = await store.touch(id)
    expect(early?.idleExpiresAt.getTime()).toBe(signedIn + IDLE_TIMEOUT_MS)

    advance(2000)
    const touched = now.getTime()
    const later = await store.touch(id)
    expect(later?.idleExpiresAt.getTime()).toBe(touched + IDLE_TIMEOUT_MS)

    advance(TOUCH_INTERVAL_MS - 1000)
    await store.touch(id)
    advance(IDLE_TIMEOUT_MS - TOUCH_INTERVAL_MS + 2000)
    expect(await store.touch(id)).toBeNull()
  })

  it('ends a busy session after 12 hours all the same', async () => {
    const { id } = await store.create(mary)
    for (let t = 10 * 60_000; t < ABSOLUTE_TIMEOUT_MS; t += 10 * 60_000) {
      advance(10 * 60_000)
      expect(await store.touch(id)).not.toBeNull()
    }
    advance(10 * 60_000)
    expect(await store.touch(id)).toBeNull()
  })

  it('never accepts a revoked id again', async () => {
    const { id } = await store.create(mary)
    await store.revoke(id)
    expect(await store.touch(id)).toBeNull()
  })

  it('gives each sign-in a new id and keeps citizens apart', async () => {
    const a = await store.create(mary)
    const b = await store.create({ ...mary, personalCode: '38001085718' })
    expect(a.id).not.toBe(b.id)
    expect((await store.touch(b.id))?.personalCode).toBe('38001085718')
    expect((await store.touch(a.id))?.personalCode).toBe('60001019906')
  })
})
