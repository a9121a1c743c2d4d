import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_ON_FREE_PORTS } from '../../server/config.ts'
import { startPortal, type RunningPortal } from '../../server/main.ts'
import { TestIdCard } from '../../sandbox/idCard/testIdCard.ts'
import {
  fetchClient,
  pollPhoneSignIn,
  signInWithMobileId,
  startPhoneSignIn,
  type FetchClient,
} from '../support/residentSignIn.ts'

/**
 * Whatever way a citizen signed in, the portal reads only their own data:
 * one resident by Mobile-ID, one by Smart-ID, one by ID-card, all against
 * the started portal and sandbox over real HTTP.
 */
describe('own data, whichever way the citizen signed in', () => {
  let portal: RunningPortal
  let dataDir: string
  const signedIn = new Map<string, { client: FetchClient; code: string }>()

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-own-data-'))
    portal = await startPortal({
      ...ALL_ON_FREE_PORTS,
      DATA_DIR: dataDir,
      DIST_DIR: '/nonexistent',
      SANDBOX: 'on',
      SANDBOX_SCENARIO_SIZE: '0',
      SANDBOX_MOBILE_ID_DELAY_MS: '50',
      SANDBOX_SMART_ID_DELAY_MS: '50',
      SIGN_IN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'silent',
    })
    const sandbox = portal.sandbox
    if (!sandbox) throw new Error('the sandbox did not start')
    const [byMobileId, bySmartId, byCard] = sandbox.residents
      .demo()
      .filter((r) => r.kind !== 'e-resident')
    if (!byMobileId || !bySmartId || !byCard)
      throw new Error('too few residents')
    const client = () => fetchClient(portal.url, portal.config.publicOrigin)

    const mobile = client()
    await signInWithMobileId(mobile, byMobileId)
    signedIn.set('mobile-id', { client: mobile, code: byMobileId.personalCode })

    const smart = client()
    const started = await startPhoneSignIn(smart, '/api/auth/smart-id', {
      personalCode: bySmartId.personalCode,
    })
    const done = await pollPhoneSignIn(smart, '/api/auth/smart-id', started.id)
    expect(done.result).toBe('OK')
    signedIn.set('smart-id', { client: smart, code: bySmartId.personalCode })

    const card = await TestIdCard.issue(sandbox.identity.ca, byCard)
    const reader = client()
    const challenge = await reader.send('GET', '/api/auth/web-eid/challenge')
    const { nonce } = challenge.body as { nonce: string }
    const token = card.authenticate(nonce, portal.config.publicOrigin)
    const answer = await reader.send('POST', '/api/auth/web-eid', {
      authToken: token,
    })
    expect(answer.status).toBe(200)
    signedIn.set('id-card', { client: reader, code: byCard.personalCode })
  }, 120_000)

  afterAll(async () => {
    await portal?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it.each(['mobile-id', 'smart-id', 'id-card'])(
    'a citizen signed in by %s reads their own record only',
    async (method) => {
      const me = signedIn.get(method)!
      const session = await me.client.send('GET', '/api/session')
      expect(session.body).toMatchObject({
        user: { personalCode: me.code, method, assurance: 'high' },
      })
      const others = [...signedIn.values()].filter((o) => o.code !== me.code)
      for (const other of others) {
        const res = await me.client.send(
          'GET',
          `/api/services/personal-data/person?personalCode=${other.code}`,
        )
        expect(res.status).toBe(200)
        const { person } = res.body as { person: { personalCode: string } }
        expect(person.personalCode).toBe(me.code)
        expect(JSON.stringify(res.body)).not.toContain(other.code)
      }
    },
  )
})
