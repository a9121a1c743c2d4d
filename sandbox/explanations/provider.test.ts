import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalDatabase } from '../../server/db/database.ts'
import { testDatabases } from '../../tests/support/databases.ts'
import { migrateSandbox } from '../db/migrate.ts'
import { buildExplanationProvider } from './provider.ts'

const MARY = '60001019906'
const OTHER = '60001017869'
const REGISTER = 'ee-dev/GOV/70008440/population'
const DELAY = 60_000

const benefitUse = {
  logtime: '2026-12-01T10:00:00.000Z',
  action: 'persons.family.read',
  receiverCode: '70001975',
  receiverName: 'Sotsiaalkindlustusamet',
  receiverSystem: 'pensions',
  why: 'family-benefit',
}
const policeUse = {
  ...benefitUse,
  receiverCode: '70008747',
  receiverSystem: 'menetlus',
  why: 'misdemeanour-proceedings:2026-123',
}

describe.each(testDatabases())(
  'a register’s explanation service on $name',
  (engine) => {
    let database: PortalDatabase
    let app: FastifyInstance
    let clock = new Date('2026-12-04T10:00:00Z')

    const as = (code: string) => ({ 'x-road-userid': `EE${code}` })
    const file = (code: string, body: object) =>
      app.inject({
        method: 'POST',
        url: '/requests',
        headers: as(code),
        payload: body,
      })
    const later = (ms: number) => {
      clock = new Date(clock.getTime() + ms)
    }

    beforeAll(async () => {
      database = await engine.open()
      await migrateSandbox(database.db as Kysely<unknown>)
      app = buildExplanationProvider({
        db: database.db as Kysely<unknown>,
        register: REGISTER,
        delayMs: DELAY,
        now: () => clock,
      })
    })
    afterAll(async () => {
      await app.close()
      await database.close()
    })

    it('files a request, then its operator takes it up and answers in the citizen’s language', async () => {
      const id = randomUUID()
      const filed = await file(MARY, {
        id,
        usage: benefitUse,
        language: 'en',
        question: 'Why?',
      })
      expect(filed.statusCode).toBe(201)
      expect(filed.json()).toMatchObject({
        id,
        state: 'received',
        question: 'Why?',
      })
      expect(filed.json().answer).toBeUndefined()

      later(DELAY)
      const taken = await app.inject({
        url: `/requests/${id}`,
        headers: as(MARY),
      })
      expect(taken.json().state).toBe('in-progress')

      later(DELAY)
      const answered = (
        await app.inject({ url: `/requests/${id}`, headers: as(MARY) })
      ).json()
      expect(answered.state).toBe('answered')
      expect(answered.answer).toContain('Sotsiaalkindlustusamet (pensions)')
      expect(answered.answer).toContain('"family-benefit"')
      expect(
        new Date(answered.updatedAt).getTime() -
          new Date(answered.createdAt).getTime(),
      ).toBe(2 * DELAY)
    })

    it('refuses to explain a police query made in proceedings still going on', async () => {
      const id = randomUUID()
      await file(MARY, { id, usage: policeUse, language: 'et' })
      later(2 * DELAY)
      const refused = (
        await app.inject({ url: `/requests/${id}`, headers: as(MARY) })
      ).json()
      expect(refused.state).toBe('refused')
      expect(refused.answer).toContain(
        'menetluses (misdemeanour-proceedings:2026-123)',
      )
    })

    it('files a retried request once, and never lets another person see or take it', async () => {
      const id = randomUUID()
      const body = { id, usage: benefitUse, language: 'ru' }
      expect((await file(MARY, body)).statusCode).toBe(201)
      expect((await file(MARY, body)).statusCode).toBe(201)
      const mine = (
        await app.inject({ url: '/requests', headers: as(MARY) })
      ).json().requests
      expect(mine.filter((r: { id: string }) => r.id === id)).toHaveLength(1)

      const taken = await file(OTHER, body)
      expect(taken.statusCode).toBe(409)
      expect(taken.json().error.code).toBe('REQUEST_ID_TAKEN')
      const peek = await app.inject({
        url: `/requests/${id}`,
        headers: as(OTHER),
      })
      expect(peek.statusCode).toBe(404)
      const theirs = (
        await app.inject({ url: '/requests', headers: as(OTHER) })
      ).json().requests
      expect(theirs).toEqual([])
    })

    it('answers bad input with clear JSON errors', async () => {
      const cases: [Record<string, string>, object, string][] = [
        [
          {},
          { id: randomUUID(), usage: benefitUse, language: 'en' },
          'INVALID_USER_ID',
        ],
        [
          as('60001019907'),
          { id: randomUUID(), usage: benefitUse, language: 'en' },
          'INVALID_USER_ID',
        ],
        [
          as(MARY),
          { id: 'not-a-uuid', usage: benefitUse, language: 'en' },
          'BAD_REQUEST',
        ],
        [
          as(MARY),
          { id: randomUUID(), usage: benefitUse, language: 'fi' },
          'BAD_REQUEST',
        ],
        [
          as(MARY),
          {
            id: randomUUID(),
            usage: { ...benefitUse, logtime: 'today' },
            language: 'en',
          },
          'BAD_REQUEST',
        ],
        [
          as(MARY),
          {
            id: randomUUID(),
            usage: benefitUse,
            language: 'en',
            question: 'x'.repeat(1001),
          },
          'BAD_REQUEST',
        ],
      ]
      for (const [headers, payload, code] of cases) {
        const res = await app.inject({
          method: 'POST',
          url: '/requests',
          headers,
          payload,
        })
        expect(res.statusCode, JSON.stringify(payload)).toBe(400)
        expect(res.json().error.code).toBe(code)
      }
      const odd = await app.inject({
        url: '/requests/../../etc',
        headers: as(MARY),
      })
      expect(odd.statusCode).toBe(404)
    })
  },
)
