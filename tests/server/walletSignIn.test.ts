import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WALLET_DEFAULTS } from '../../server/config.ts'
import type { PortalDatabase } from '../../server/db/database.ts'
import {
  sessionCookieName,
  sessionPlugin,
} from '../../server/session/sessionPlugin.ts'
import { SessionStore } from '../../server/session/sessionStore.ts'
import { createWallet } from '../../server/wallet/wallet.ts'
import { createGateway } from '../../server/xroad/gateway.ts'
import { testDatabases } from '../support/databases.ts'

const MARY = {
  personalCode: '60001019906',
  givenName: 'MARY ÄNN',
  familyName: 'O’CONNEŽ-ŠUSLIK',
  method: 'mobile-id',
  assurance: 'high',
}

describe.each(testDatabases())('the wallet at sign-in on $name', (engine) => {
  let database: PortalDatabase
  let app: FastifyInstance
  const logLines: string[] = []

  beforeAll(async () => {
    database = await engine.open()
    const log = pino(
      { level: 'warn' },
      { write: (line: string) => void logLines.push(line) },
    )
    // Nothing listens on port 9: every call to the ledger fails.
    const gateway = createGateway({
      securityServerUrl: 'http://127.0.0.1:9',
      client: 'ee-dev/GOV/70000001/citizen-portal',
      log,
      retries: 0,
    })
    const wallet = createWallet({
      config: WALLET_DEFAULTS,
      gateway,
      db: database.db,
      log,
    })
    app = Fastify({ loggerInstance: log as FastifyBaseLogger })
    await sessionPlugin(app, {
      store: new SessionStore(database.db),
      secure: false,
      onSignIn: wallet.welcome,
    })
    app.post('/api/sign-in', async (request, reply) => {
      const citizen = await app.signIn(request, reply, MARY)
      return { personalCode: citizen.personalCode }
    })
    app.get('/api/me', async (request) => ({
      personalCode: request.citizen?.personalCode ?? null,
    }))
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('signs the citizen in even when the ledger cannot be reached', async () => {
    const signedIn = await app.inject({ method: 'POST', url: '/api/sign-in' })
    expect(signedIn.statusCode).toBe(200)
    const cookie = signedIn.cookies.find(
      (c) => c.name === sessionCookieName(false),
    )
    expect(cookie?.value).toBeTruthy()
    const me = await app.inject({
      url: '/api/me',
      cookies: { [sessionCookieName(false)]: cookie?.value ?? '' },
    })
    expect(me.json()).toEqual({ personalCode: MARY.personalCode })

    const warning = logLines.find((l) => l.includes('after sign-in failed'))
    expect(warning).toBeDefined()
    expect(warning).not.toContain(MARY.personalCode)
    // The masked name is kept before the ledger is asked.
    const names = await database.db
      .selectFrom('wallet_names')
      .selectAll()
      .execute()
    expect(names.map((n) => [n.personal_code, n.masked_name])).toEqual([
      [MARY.personalCode, 'M*** Ä** O’C*****-Š*****'],
    ])
  })
})
