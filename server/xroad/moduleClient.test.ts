import { describe, expect, it } from 'vitest'
import type { ServiceManifest } from '../../common/catalog/manifest.ts'
import { PortalError } from '../errors.ts'
import type { Gateway, XRoadRequest } from './gateway.ts'
import { moduleXRoad } from './moduleClient.ts'

const SERVICE = 'ee-dev/GOV/70008440/population/persons'
const text = { et: 'x', en: 'x', ru: 'x' }

function scoped(timeoutMs?: number) {
  const sent: XRoadRequest[] = []
  const gateway: Gateway = {
    send: async <T>(request: XRoadRequest) => {
      sent.push(request)
      return { status: 200, body: {} as T, messageId: 'm', requestId: 'r' }
    },
  }
  const manifest = {
    id: 'documents',
    services: [
      {
        service: SERVICE,
        methods: ['GET'],
        purposeCode: 'DOCUMENTS_VIEW',
        purpose: text,
        timeoutMs,
      },
    ],
  } as unknown as ServiceManifest
  return { xroad: moduleXRoad(manifest, gateway), sent }
}

describe('a module’s X-Road client', () => {
  it('sends the citizen as EE plus the personal code and the purpose code', async () => {
    const { xroad, sent } = scoped()
    await xroad.call({ service: SERVICE, personalCode: '60001019906' })
    expect(sent[0]).toMatchObject({
      userId: 'EE60001019906',
      issue: 'DOCUMENTS_VIEW',
      method: 'GET',
    })
  })

  it('appends a case id to the purpose code after a colon', async () => {
    const { xroad, sent } = scoped()
    await xroad.call({
      service: SERVICE,
      personalCode: '60001019906',
      caseId: 'ID-2024/17',
    })
    expect(sent[0]?.issue).toBe('DOCUMENTS_VIEW:ID-2024/17')
  })

  it('refuses a case id that is not printable ASCII', () => {
    const { xroad, sent } = scoped()
    const call = () =>
      xroad.call({ service: SERVICE, personalCode: '1', caseId: 'taotlus ä' })
    expect(call).toThrow(PortalError)
    expect(call).toThrow(
      expect.objectContaining({ code: 'XROAD_CLIENT_FAULT' }),
    )
    expect(sent).toHaveLength(0)
  })

  it('passes the timeout the manifest declares for the service', async () => {
    const { xroad, sent } = scoped(2500)
    await xroad.call({ service: SERVICE, personalCode: '1' })
    expect(sent[0]?.timeoutMs).toBe(2500)
  })

  it('refuses an undeclared method before anything is sent', () => {
    const { xroad, sent } = scoped()
    expect(() =>
      xroad.call({ service: SERVICE, method: 'POST', personalCode: '1' }),
    ).toThrow(expect.objectContaining({ code: 'SERVICE_NOT_DECLARED' }))
    expect(sent).toHaveLength(0)
  })
})
