import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startModuleHarness,
  type ModuleHarness,
} from '../../tests/support/moduleHarness.ts'
import { renewalOf, tallinnToday } from './renewal.ts'

interface Document {
  type: string
  validUntil: string
  status: string
  renewal: string
}

describe('documents operations', () => {
  let harness: ModuleHarness
  const documentsOf = async (personalCode: string) => {
    const res = await harness.app.inject({
      url: '/api/services/documents/documents',
      cookies: await harness.signIn(personalCode),
    })
    expect(res.statusCode).toBe(200)
    return res.json<{ documents: Document[] }>().documents
  }

  beforeAll(async () => {
    harness = await startModuleHarness(new URL('.', import.meta.url).pathname)
  })
  afterAll(() => harness.close())

  it('need a signed-in citizen', async () => {
    const res = await harness.app.inject({
      url: '/api/services/documents/documents',
    })
    expect(res.statusCode).toBe(401)
  })

  it("list the citizen's documents as the register has them", async () => {
    const documents = await documentsOf('60001019906')
    const resident = await harness.sandbox.residents.find('60001019906')
    expect(documents.map((d) => d.validUntil).sort()).toEqual(
      resident?.documents.map((d) => d.validUntil).sort(),
    )
    expect(documents.some((d) => d.type === 'id-card')).toBe(true)
  })

  it('mark a card that expires within six months as due for renewal', async () => {
    const expiring = harness.sandbox.residents
      .demo()
      .find((d) => d.note.startsWith('ID-card expires soon'))
    expect(expiring).toBeDefined()
    const documents = await documentsOf(expiring?.personalCode ?? '')
    const card = documents.find(
      (d) => d.type === 'id-card' && d.status === 'valid',
    )
    expect(card?.renewal).toBe('due')
  })

  it('mark an expired card as expired', async () => {
    const expired = harness.sandbox.residents
      .demo()
      .find((d) => d.note === 'ID-card expired')
    const documents = await documentsOf(expired?.personalCode ?? '')
    const today = tallinnToday()
    for (const d of documents) expect(d.renewal).toBe(renewalOf(d, today))
    expect(
      documents.some((d) => d.type === 'id-card' && d.renewal === 'expired'),
    ).toBe(true)
  })
})
