import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { IDLE_HEADER } from '../../server/session/sessionPlugin.ts'
import { testDatabases } from '../support/databases.ts'
import { citizenSession } from '../support/citizenSession.ts'
import { TEST_ORIGIN, testApp } from '../support/testApp.ts'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK',
}

const MINUTE = 60_000

describe.each(testDatabases())('idle sessions on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  let now = new Date('2026-12-04T10:00:00Z')

  beforeAll(async () => {
    database = await engine.open()
    app = await testApp(database.db, { clock: () => now })
  })
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  function signIn(): Promise<Record<string, string>> {
    return citizenSession(database.db, MARY, { clock: () => now })
  }

  it('tells the browser how long the session lasts without activity', async () => {
    const cookies = await signIn()
    now = new Date(now.getTime() + 5 * MINUTE)

    const res = await app.inject({ url: '/api/session', cookies })
    expect(res.json().user).not.toBeNull()
    expect(res.headers[IDLE_HEADER]).toBe('900')
  })

  it('leaves the header off public answers and answers to nobody', async () => {
    const cookies = await signIn()
    const catalog = await app.inject({ url: '/api/catalog', cookies })
    expect(catalog.headers[IDLE_HEADER]).toBeUndefined()
    const anonymous = await app.inject({ url: '/api/session' })
    expect(anonymous.headers[IDLE_HEADER]).toBeUndefined()
  })

  it('ends a session left idle for 15 minutes, unless extended in time', async () => {
    const kept = await signIn()
    const left = await signIn()

    now = new Date(now.getTime() + 14 * MINUTE)
    const extended = await app.inject({
      method: 'POST',
      url: '/api/session/extend',
      headers: { origin: TEST_ORIGIN },
      cookies: kept,
    })
    expect(extended.statusCode).toBe(200)
    expect(extended.headers[IDLE_HEADER]).toBe('900')

    now = new Date(now.getTime() + 2 * MINUTE)
    const stillHere = await app.inject({ url: '/api/session', cookies: kept })
    expect(stillHere.json().user?.personalCode).toBe('60001019906')
    const gone = await app.inject({ url: '/api/session', cookies: left })
    expect(gone.json()).toEqual({ user: null })
    expect(gone.headers[IDLE_HEADER]).toBeUndefined()
  })
})
