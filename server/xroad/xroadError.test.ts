import { describe, expect, it } from 'vitest'
import {
  faultToPortalError,
  normaliseFaultType,
  parseFault,
} from './xroadError.ts'

const codeOf = (type: string) =>
  faultToPortalError({ type, message: '', detail: '' }).code

describe('security server faults', () => {
  it('compare types case-insensitively, ignoring underscores', () => {
    expect(normaliseFaultType('server.serverproxy.network_error')).toBe(
      normaliseFaultType('Server.ServerProxy.NetworkError'),
    )
  })

  it.each([
    ['Server.ServerProxy.AccessDenied', 'XROAD_ACCESS_DENIED'],
    ['server.serverproxy.access_denied', 'XROAD_ACCESS_DENIED'],
    ['Server.ServerProxy.UnknownService', 'XROAD_UNKNOWN_SERVICE'],
    ['Server.ClientProxy.UnknownMember', 'XROAD_UNKNOWN_SERVICE'],
    ['Server.ServerProxy.NetworkError', 'XROAD_UNAVAILABLE'],
    ['SERVER.CLIENTPROXY.NETWORK_ERROR', 'XROAD_UNAVAILABLE'],
    ['Server.ServerProxy.ServiceFailed', 'XROAD_SERVICE_FAILED'],
    ['server.serverproxy.service_failed', 'XROAD_SERVICE_FAILED'],
    ['Server.ClientProxy.Timeout', 'XROAD_TIMEOUT'],
    ['Server.ServerProxy.InternalError', 'XROAD_UNAVAILABLE'],
    ['Client.BadRequest', 'XROAD_CLIENT_FAULT'],
    ['client.bad_request', 'XROAD_CLIENT_FAULT'],
    ['Client.InvalidProtocolVersion', 'XROAD_CLIENT_FAULT'],
    ['Client.InvalidHttpMethod', 'XROAD_CLIENT_FAULT'],
  ])('turn %s into %s', (type, code) => {
    expect(codeOf(type)).toBe(code)
  })

  it('keep the fault out of the portal error the citizen sees', () => {
    const error = faultToPortalError({
      type: 'Server.ServerProxy.ServiceFailed',
      message: 'Stack trace at register.java:42',
      detail: 'abc-123',
    })
    expect(error.message).not.toContain('register.java')
    expect(error.message).not.toContain('abc-123')
    expect(error.details).toBeUndefined()
  })

  it('read type, message and detail from the body', () => {
    expect(
      parseFault(
        { type: 'Server.ServerProxy.AccessDenied', message: 'No', detail: 'x' },
        'Client.BadRequest',
      ),
    ).toEqual({
      type: 'Server.ServerProxy.AccessDenied',
      message: 'No',
      detail: 'x',
    })
  })

  it('fall back to the header type when the body is not a fault', () => {
    expect(parseFault('<html>', 'Server.ServerProxy.NetworkError')).toEqual({
      type: 'Server.ServerProxy.NetworkError',
      message: '',
      detail: '',
    })
  })
})
